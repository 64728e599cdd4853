package th.or.depa.smartcity.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the body of a submitted plan into a {@link Plan}, refusing every format error of spec/plan.md with its
 * field path (all of them at once, in document order). Thread-safe; holds no state between calls.
 */
public final class PlanReader {
    private final StrictJson json;
    private final Provinces provinces;

    /** The mapper lends its node factory; its parser leniencies (if any) are not taken over: the contract is plain JSON. */
    public PlanReader(ObjectMapper mapper, Provinces provinces) {
        this.json = new StrictJson(Objects.requireNonNull(mapper, "mapper").getNodeFactory());
        this.provinces = Objects.requireNonNull(provinces, "provinces");
    }

    /** The provinces a plan's city.province is read against. */
    public Provinces provinces() {
        return provinces;
    }

    /** Parses and validates; returns the plan with city.province normalised to the English name of provinces.csv. */
    public Plan read(byte[] body) throws PlanFormatException {
        StrictJson.Parsed parsed = json.parse(body);
        return check(parsed.tree(), parsed.repeatedKeys());
    }

    /** The same checks for an already parsed tree (repeated keys can no longer be seen there). */
    public Plan read(JsonNode tree) throws PlanFormatException {
        if (tree == null || tree.isMissingNode()) {
            throw PlanFormatException.notJson("body is empty");
        }
        return check(tree, Set.of());
    }

    private Plan check(JsonNode tree, Set<String> repeatedKeys) {
        if (!tree.isObject()) {
            throw new PlanFormatException(422, List.of(new FieldError("", "the body must be a JSON object")));
        }
        Reading reading = new Reading(provinces, repeatedKeys);
        Plan plan = PlanShape.PLAN.read(tree, "", reading);
        List<FieldError> errors = reading.finish();
        if (!errors.isEmpty()) {
            throw new PlanFormatException(422, errors);
        }
        return plan;
    }
}
