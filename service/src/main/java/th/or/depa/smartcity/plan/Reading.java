package th.or.depa.smartcity.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The state of checking one plan: problems found so far (in document order) and what later values are checked against. */
final class Reading {
    /** Enough to fix a plan by; keeps a hostile 1 MiB body from producing a far larger answer. */
    static final int MAX_ERRORS = 1000;

    final Provinces provinces;
    private final Set<String> repeatedKeys;
    private final Map<String, Set<Object>> seen = new HashMap<>();
    private final List<FieldError> errors = new ArrayList<>();
    private boolean truncated;

    Reading(Provinces provinces, Set<String> repeatedKeys) {
        this.provinces = provinces;
        this.repeatedKeys = new LinkedHashSet<>(repeatedKeys);
    }

    void error(String path, String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(new FieldError(path, message));
        } else {
            truncated = true;
        }
    }

    /** Called as each object key is met, so that a repeated key is reported at its place in the document. */
    void visiting(String path) {
        if (repeatedKeys.remove(path)) {
            error(path, "duplicate field");
        }
    }

    /** False when value already occurred under the same scope (e.g. the same domain twice in "domains"). */
    boolean firstIn(String scope, Object value) {
        return seen.computeIfAbsent(scope, k -> new HashSet<>()).add(value);
    }

    /** Every problem found; repeated keys inside values that were never walked (unknown fields...) come last. */
    List<FieldError> finish() {
        repeatedKeys.forEach(path -> error(path, "duplicate field"));
        repeatedKeys.clear();
        List<FieldError> all = new ArrayList<>(errors);
        if (truncated) {
            all.add(new FieldError("", "too many errors: only the first " + MAX_ERRORS + " are listed"));
        }
        return all;
    }
}
