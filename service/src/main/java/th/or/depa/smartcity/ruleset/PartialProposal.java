package th.or.depa.smartcity.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.plan.FieldError;

/** A proposal written as changes to a stored version: its files with some replaced or added and some deleted. */
final class PartialProposal {

    private PartialProposal() {
    }

    /** A problem of the patch at field, in both languages from ruleset/messages.properties. */
    private static FieldError problem(String field, String key, Object... args) {
        String en = RuleSetMessages.text(key, "en", args);
        return new FieldError(field, en, new FieldError.Reason(en, RuleSetMessages.text(key, "th", args)));
    }

    /** The base's files with changed put and delete removed; a change that does not fit the base is refused. */
    static RuleFiles apply(int baseVersion, RuleFiles base, Map<String, String> changed, List<String> delete) {
        List<FieldError> errors = new ArrayList<>();
        if (changed.isEmpty() && delete.isEmpty()) {
            errors.add(problem("files", "nothingToChange"));
        }
        Map<String, String> files = new TreeMap<>(base.files());
        files.putAll(changed);
        for (int i = 0; i < delete.size(); i++) {
            String path = delete.get(i);
            if (changed.containsKey(path)) {
                errors.add(problem("delete[" + i + "]", "inFilesToo", path));
            } else if (!base.files().containsKey(path)) {
                errors.add(problem("delete[" + i + "]", "notInBase",
                        String.valueOf(baseVersion), path));
            }
            files.remove(path);
        }
        RuleFiles patched = new RuleFiles(files);
        if (errors.isEmpty() && patched.sha256().equals(base.sha256())) {
            errors.add(problem("files", "changesNothing", String.valueOf(baseVersion)));
        }
        if (!errors.isEmpty()) {
            throw new PatchRefused(errors);
        }
        return patched;
    }
}
