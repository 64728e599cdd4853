package th.or.depa.smartcity.ruleset;

import java.util.List;
import java.util.Optional;

/** How many rule-test files and cases a check ran and how many cases passed; kept on the version it stored. */
public record TestCounts(int files, int cases, int passed) {

    public static TestCounts of(List<RuleTests.CaseResult> results) {
        return new TestCounts((int) results.stream().map(RuleTests.CaseResult::file).distinct().count(),
                results.size(), (int) results.stream().filter(RuleTests.CaseResult::passed).count());
    }

    /** "files cases passed", as the compiled-rule cache keeps it beside its note that the tests passed. */
    String summary() {
        return files + " " + cases + " " + passed;
    }

    static Optional<TestCounts> parse(String summary) {
        String[] n = summary.strip().split(" ");
        try {
            return n.length == 3 ? Optional.of(new TestCounts(Integer.parseInt(n[0]), Integer.parseInt(n[1]),
                    Integer.parseInt(n[2]))) : Optional.empty();
        } catch (NumberFormatException unreadable) {
            return Optional.empty(); // an older note: run the tests again
        }
    }
}
