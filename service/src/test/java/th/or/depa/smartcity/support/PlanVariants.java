package th.or.depa.smartcity.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Distinct valid plans made from the spec's examples: the n-th takes example n mod 9 and a reference of its own. */
public final class PlanVariants {

    public static final List<String> EXAMPLES = List.of("phuket-livable-pass", "korat-new-city-pass",
            "one-domain-fails-sc03", "no-environment-fails-sc03", "no-privacy-fails-sc07", "budget-gap-fails-sc10",
            "few-datasets-warns-sca2", "livable-planned-platform-fails-sc06", "minimal-fails-everything");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<ObjectNode> examples;

    public PlanVariants() {
        // every example in Phuket: the test cities (Api.city) are registered there, and a plan must be for its city's province
        examples = EXAMPLES.stream().map(e -> Api.example(e, Api.DEFAULT_PROVINCE)).map(PlanVariants::read).toList();
    }

    /** The reference the n-th plan carries, so that stored plans can be matched to what was sent. */
    public static String reference(String run, int n) {
        return "LOAD-" + run + "-" + n;
    }

    /** A SQL LIKE pattern matching the references of one run. */
    public static String referenceLike(String run) {
        return "LOAD-" + run + "-%";
    }

    public String plan(String run, int n) {
        ObjectNode plan = examples.get(n % examples.size()).deepCopy();
        plan.put("reference", reference(run, n));
        try {
            return JSON.writeValueAsString(plan);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode read(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
