package th.or.depa.smartcity.ruleset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.engine.ParametersFile;
import th.or.depa.smartcity.engine.RuleError;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.facts.Parameter;
import th.or.depa.smartcity.plan.StorableText;
import th.or.depa.smartcity.store.RuleSetRow;

/**
 * A proposal made from the threshold form: a stored version's files with parameters.csv's values edited, proposed
 * through {@link RuleSets#propose} like any other (compiled, sandboxed and rule-tested in a worker).
 */
public final class ThresholdProposal {

    static final int MAX_VALUE = 200;

    /** Why a value cannot be written into parameters.csv, by threshold name: a code the form words. */
    public enum Problem { TOO_LONG, NOT_STORABLE, NOT_INTEGER, NOT_DECIMAL, NOT_CODES }

    /** The form's values are refused before anything is proposed; unchanged means no value differs from base. */
    public static final class Refused extends RuntimeException {
        private final Map<String, Problem> problems;
        private final boolean unchanged;

        Refused(Map<String, Problem> problems, boolean unchanged) {
            super(unchanged ? "no threshold was changed" : "thresholds refused: " + problems);
            this.problems = Map.copyOf(problems);
            this.unchanged = unchanged;
        }

        public Map<String, Problem> problems() {
            return problems;
        }

        public boolean unchanged() {
            return unchanged;
        }
    }

    private final RuleSets ruleSets;

    public ThresholdProposal(RuleSets ruleSets) {
        this.ruleSets = ruleSets;
    }

    /** The thresholds of a stored version, in file order, for the form. */
    public List<ParametersFile.Line> thresholds(int version) {
        return ParametersFile.lines(parametersOf(files(version)), new ArrayList<RuleError>());
    }

    /** Proposes base's files with these values; names that are not thresholds of base are ignored. */
    public RuleSetRow propose(int base, Map<String, String> values, String note, User reviewer) {
        RuleFiles files = files(base);
        String text = parametersOf(files);
        Map<String, Problem> problems = new TreeMap<>();
        Map<String, String> changed = new LinkedHashMap<>();
        for (ParametersFile.Line line : ParametersFile.lines(text, new ArrayList<RuleError>())) {
            String value = values.get(line.name());
            if (value == null) {
                continue;
            }
            value = value.strip();
            Problem p = value.length() > MAX_VALUE ? Problem.TOO_LONG
                    : StorableText.problem(value) != null ? Problem.NOT_STORABLE
                    : ParametersFile.wrongType(new Parameter(line.name(), line.value(), line.type()), value) != null
                    ? typeProblem(line.type()) : null;
            if (p != null) {
                problems.put(line.name(), p);
            } else if (!value.equals(line.value())) {
                changed.put(line.name(), value);
            }
        }
        if (!problems.isEmpty() || changed.isEmpty()) {
            throw new Refused(problems, problems.isEmpty());
        }
        Map<String, String> edited = new TreeMap<>(files.files());
        edited.put(ParametersFile.PATH, ParametersFile.withValues(text, changed));
        return ruleSets.propose(new RuleFiles(edited), note, reviewer);
    }

    private static Problem typeProblem(String type) {
        return switch (type) {
            case "integer" -> Problem.NOT_INTEGER;
            case "decimal" -> Problem.NOT_DECIMAL;
            default -> Problem.NOT_CODES;
        };
    }

    private RuleFiles files(int version) {
        return ruleSets.filesOf(ruleSets.find(version).orElseThrow(RuleSetNotFound::new));
    }

    private static String parametersOf(RuleFiles files) {
        return files.files().getOrDefault(ParametersFile.PATH, "");
    }
}
