package th.or.depa.smartcity.ruleset;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import th.or.depa.smartcity.engine.ParametersFile;
import th.or.depa.smartcity.engine.RuleError;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.facts.Parameter;
import th.or.depa.smartcity.store.RuleSetRow;

/**
 * What one stored version changes against another (by default the one in force): each changed file as a unified
 * diff, as git shows it, and each threshold of parameters.csv as {@code name: old → new}.
 */
public final class RuleSetDiff {

    /** Lines of context around each change, as git and diff -u. */
    static final int CONTEXT = 3;
    /** Shown for the missing side of a parameter that was added or removed: a sign, not a word of one language. */
    static final String NONE = "—";

    /** version's files and thresholds compared with against's: "old" is against's, "new" is version's. */
    public record Diff(int version, int against, List<FileChange> files, List<ParameterChange> parameters) {
    }

    /** A file ADDED, DELETED or CHANGED, with its unified diff ("--- a/path", "+++ b/path", hunks). */
    public record FileChange(String path, String change, String diff) {
    }

    /** A threshold whose value differs; old or new is null when the parameter was added or removed. */
    public record ParameterChange(String name, String old, @JsonProperty("new") String value, String change) {
    }

    /** Asked against a version that is not stored: the caller's query is wrong, not the path (422, not 404). */
    public static final class UnknownAgainst extends RuntimeException {
        public UnknownAgainst() {
            super("no such rule-set version");
        }
    }

    private final RuleSets ruleSets;

    public RuleSetDiff(RuleSets ruleSets) {
        this.ruleSets = ruleSets;
    }

    /** version against the given one, or against the version in force when against is null. */
    public Diff between(int version, Integer against) {
        RuleSetRow row = ruleSets.find(version).orElseThrow(RuleSetNotFound::new);
        int base = against != null ? against : ruleSets.inForce().version();
        RuleSetRow baseRow = ruleSets.find(base).orElseThrow(UnknownAgainst::new);
        Diff d = compare(ruleSets.filesOf(baseRow), ruleSets.filesOf(row));
        return new Diff(version, base, d.files(), d.parameters());
    }

    /** The changes that turn from into to (version numbers left 0). */
    public static Diff compare(RuleFiles from, RuleFiles to) {
        List<FileChange> files = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(from.files().keySet());
        paths.addAll(to.files().keySet());
        for (String path : paths) {
            String before = from.files().get(path);
            String after = to.files().get(path);
            if (Objects.equals(before, after)) {
                continue;
            }
            String change = before == null ? "ADDED" : after == null ? "DELETED" : "CHANGED";
            files.add(new FileChange(path, change, unified(path, before, after)));
        }
        return new Diff(0, 0, files, parameters(from.files().get(ParametersFile.PATH), to.files().get(ParametersFile.PATH)));
    }

    private static String unified(String path, String before, String after) {
        List<String> a = before == null ? List.of() : before.lines().toList();
        List<String> b = after == null ? List.of() : after.lines().toList();
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(before == null ? "/dev/null" : "a/" + path,
                after == null ? "/dev/null" : "b/" + path, a, DiffUtils.diff(a, b), CONTEXT);
        return String.join("\n", lines) + "\n";
    }

    private static List<ParameterChange> parameters(String before, String after) {
        Map<String, String> was = values(before);
        Map<String, String> is = values(after);
        List<ParameterChange> out = new ArrayList<>();
        is.forEach((name, value) -> {
            String old = was.get(name);
            if (!value.equals(old)) {
                out.add(change(name, old, value));
            }
        });
        was.forEach((name, old) -> {
            if (!is.containsKey(name)) {
                out.add(change(name, old, null));
            }
        });
        return out;
    }

    private static ParameterChange change(String name, String old, String value) {
        return new ParameterChange(name, old, value, name + ": " + (old == null ? NONE : old) + " → "
                + (value == null ? NONE : value));
    }

    /** name → value in file order; a line that does not read was refused when the version was stored. */
    private static Map<String, String> values(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text != null) {
            for (Parameter p : ParametersFile.parse(text, new ArrayList<RuleError>()).values()) {
                out.put(p.name(), p.value());
            }
        }
        return out;
    }
}
