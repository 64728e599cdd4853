package th.or.depa.smartcity.ruleset;

import java.util.List;

/** How many rule-test files and cases a check ran and how many cases passed; kept on the version it stored. */
public record TestCounts(int files, int cases, int passed) {

    public static TestCounts of(List<RuleTests.CaseResult> results) {
        return new TestCounts((int) results.stream().map(RuleTests.CaseResult::file).distinct().count(),
                results.size(), (int) results.stream().filter(RuleTests.CaseResult::passed).count());
    }
}
