package th.or.depa.smartcity.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/** Seeded random damage to a valid plan: the kinds of input a careless or hostile client sends. */
public final class PlanMutator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Random random;

    public PlanMutator(long seed) {
        this.random = new Random(seed);
    }

    /** A copy of the plan with one to three nodes replaced, removed or added; returned as text. */
    public String mutate(String planJson) throws Exception {
        JsonNode root = JSON.readTree(planJson);
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            List<ContainerNode<?>> containers = new ArrayList<>();
            collect(root, containers);
            ContainerNode<?> target = containers.get(random.nextInt(containers.size()));
            if (target instanceof ObjectNode o && o.size() > 0) {
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                String name = names.get(random.nextInt(names.size()));
                switch (random.nextInt(4)) {
                    case 0 -> o.remove(name);
                    case 1 -> o.set("x" + random.nextInt(100), junk());
                    default -> o.set(name, junk());
                }
            } else if (target instanceof ArrayNode a && a.size() > 0) {
                a.set(random.nextInt(a.size()), junk());
            }
        }
        return random.nextInt(20) == 0 ? truncate(JSON.writeValueAsString(root)) : JSON.writeValueAsString(root);
    }

    private String truncate(String text) {
        return text.substring(0, random.nextInt(text.length()));
    }

    private JsonNode junk() throws Exception {
        return switch (random.nextInt(16)) {
            case 0 -> JSON.nullNode();
            case 1 -> JSON.readTree("1e400");
            case 2 -> JSON.readTree("-1");
            case 3 -> JSON.readTree("3.5");
            case 4 -> JSON.readTree("99999999999999999999999999");
            case 5 -> JSON.getNodeFactory().textNode("x".repeat(10_001));
            case 6 -> JSON.getNodeFactory().textNode("NaN");
            case 7 -> JSON.getNodeFactory().textNode("\u0000\uD83D\uDE00 นครภูเก็ต \u202E");
            case 8 -> JSON.readTree("true");
            case 9 -> JSON.readTree("[]");
            case 10 -> JSON.readTree("{}");
            case 11 -> JSON.readTree("[".repeat(300) + "]".repeat(300));
            case 12 -> JSON.getNodeFactory().textNode("ENVIRONMENT");
            case 13 -> JSON.readTree("2101");
            case 14 -> JSON.readTree("[" + "1,".repeat(1000) + "1]");
            default -> JSON.getNodeFactory().textNode("");
        };
    }

    private static void collect(JsonNode node, List<ContainerNode<?>> out) {
        if (node instanceof ContainerNode<?> c) {
            out.add(c);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }
}
