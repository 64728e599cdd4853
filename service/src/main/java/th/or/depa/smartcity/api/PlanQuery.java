package th.or.depa.smartcity.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import th.or.depa.smartcity.plan.FieldError;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.store.PlanFilter;
import th.or.depa.smartcity.store.SearchText;

/** Parses GET /api/plans queries: a bad value is a 422 naming the parameter, never a silent default. */
public final class PlanQuery {

    public static final Set<String> STATES = th.or.depa.smartcity.plan.PlanStates.ALL;
    static final Set<String> KINDS = Set.of("LIVABLE", "NEW");
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    /** Longest search text, in characters (code points). */
    static final int MAX_Q = 200;

    public record Parsed(PlanFilter filter, int limit, long offset) {
    }

    private final Provinces provinces;

    public PlanQuery(Provinces provinces) {
        this.provinces = provinces;
    }

    public Parsed parse(String status, String province, String kind, String limit, String offset) {
        return parse(status, province, kind, limit, offset, null);
    }

    /** q: text searched in city names (Thai, English), reference and organisation id; blank does not filter. */
    public Parsed parse(String status, String province, String kind, String limit, String offset, String q) {
        List<FieldError> errors = new ArrayList<>();
        String search = null;
        if (q != null && !q.isBlank()) {
            if (q.codePointCount(0, q.length()) > MAX_Q) {
                errors.add(new FieldError("q", "must be at most " + MAX_Q + " characters"));
            } else if (th.or.depa.smartcity.plan.StorableText.problem(q) != null) {
                errors.add(new FieldError("q", th.or.depa.smartcity.plan.StorableText.problem(q)));
            } else {
                search = SearchText.pattern(q.strip());
            }
        }
        if (status != null && !STATES.contains(status)) {
            errors.add(new FieldError("status", "must be one of " + String.join(", ", STATES.stream().sorted().toList())));
        }
        if (kind != null && !KINDS.contains(kind)) {
            errors.add(new FieldError("kind", "must be one of LIVABLE, NEW"));
        }
        String prov = null;
        if (province != null) {
            prov = provinces.englishName(province).orElse(null);
            if (prov == null) {
                errors.add(new FieldError("province", "unknown province"));
            }
        }
        long lim = number(limit, DEFAULT_LIMIT, "limit", 1, MAX_LIMIT, errors);
        long off = number(offset, 0, "offset", 0, Long.MAX_VALUE / 2, errors);
        if (!errors.isEmpty()) {
            throw new ApiException(422, errors.get(0).field() + ": " + errors.get(0).message(), errors, null);
        }
        return new Parsed(new PlanFilter(null, status, prov, kind, search), (int) lim, off);
    }

    static long number(String value, long dflt, String field, long min, long max, List<FieldError> errors) {
        if (value == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError(field, max == Long.MAX_VALUE / 2 ? "must be a whole number of at least " + min
                : "must be a whole number from " + min + " to " + max));
        return dflt;
    }
}
