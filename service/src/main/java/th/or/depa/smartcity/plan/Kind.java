package th.or.depa.smartcity.plan;

import com.fasterxml.jackson.databind.JsonNode;

/** What a plan field may hold: reads a (non-null) JSON node into its Java value, reporting problems to the reading. */
@FunctionalInterface
interface Kind {
    /** The value, or null when the node was refused (the reason is then in reading). */
    Object read(JsonNode node, String path, Reading reading);
}
