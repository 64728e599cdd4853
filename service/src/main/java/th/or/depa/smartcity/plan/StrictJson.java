package th.or.depa.smartcity.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a request body into a JsonNode tree, strictly: plain JSON (no comments, quotes or trailing commas the
 * caller's mapper might allow), exactly one value, decimals kept exact, and repeated keys noted rather than
 * silently overwritten (so they can be reported beside every other problem, in document order).
 */
final class StrictJson {
    /** A plan is 7 levels deep; anything far deeper is refused before it can cost stack or time. */
    static final int MAX_DEPTH = 100;
    private static final int MAX_REASON = 200;

    /** The tree and the paths of keys that appeared more than once in one object (the first value is kept). */
    record Parsed(JsonNode tree, Set<String> repeatedKeys) {}

    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();
    private final JsonNodeFactory nodes;

    StrictJson(JsonNodeFactory nodes) {
        this.nodes = nodes;
    }

    Parsed parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw PlanFormatException.notJson("body is empty");
        }
        Builder builder = new Builder();
        try (JsonParser parser = factory.createParser(body)) {
            return builder.document(parser);
        } catch (StreamConstraintsException e) {
            // valid JSON, but beyond the parser's limits: a format error at the place it happened
            throw new PlanFormatException(422, List.of(new FieldError(builder.path(), "is too large or nested too deeply")));
        } catch (JsonParseException e) {
            if (String.valueOf(e.getOriginalMessage()).contains("surrogate")) {
                // Jackson refuses a lone surrogate in a key (or sent as raw bytes) itself: named at its object
                throw new PlanFormatException(422, List.of(new FieldError(StorableText.visible(builder.path()),
                        StorableText.LONE_SURROGATE)));
            }
            throw PlanFormatException.notJson(reason(e));
        } catch (IOException | IllegalArgumentException e) {
            throw PlanFormatException.notJson(reason(e));
        }
    }

    private static String reason(Exception e) {
        if (e instanceof JsonProcessingException j) {
            String why = j.getOriginalMessage() == null ? "malformed JSON" : j.getOriginalMessage();
            why = why.length() > MAX_REASON ? why.substring(0, MAX_REASON) + "..." : why;
            return j.getLocation() == null ? why
                    : why + " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")";
        }
        return e.getMessage() == null ? "malformed body" : e.getMessage();
    }

    /** One parse: builds nodes recursively (depth is bounded by MAX_DEPTH). */
    private final class Builder {
        private final Set<String> repeated = new LinkedHashSet<>();
        private JsonParser parser;

        Parsed document(JsonParser parser) throws IOException {
            this.parser = parser;
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw PlanFormatException.notJson("body is empty");
            }
            JsonNode tree = value(first);
            if (parser.nextToken() != null) {
                throw PlanFormatException.notJson("body holds more than one JSON value");
            }
            return new Parsed(tree, repeated);
        }

        /** The field path of where the parser is (the parser may have read one value ahead of the last name). */
        String path() {
            Deque<String> steps = new ArrayDeque<>();
            for (JsonStreamContext c = parser == null ? null : parser.getParsingContext(); c != null; c = c.getParent()) {
                if (c.inObject() && c.getCurrentName() != null) {
                    steps.push(c.getCurrentName());
                } else if (c.inArray() && c.hasCurrentIndex()) {
                    steps.push("[" + c.getCurrentIndex() + "]");
                }
            }
            String path = "";
            for (String step : steps) {
                path = step.startsWith("[") ? path + step : FieldPath.field(path, step);
            }
            return path;
        }

        private JsonNode value(JsonToken token) throws IOException {
            if (token == null) {
                throw new JsonParseException(parser, "unexpected end of input");
            }
            return switch (token) {
                case START_OBJECT -> object();
                case START_ARRAY -> array();
                case VALUE_STRING -> nodes.textNode(storable(parser.getText()));
                case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
                case VALUE_NUMBER_FLOAT -> decimal();
                case VALUE_TRUE, VALUE_FALSE -> nodes.booleanNode(token == JsonToken.VALUE_TRUE);
                case VALUE_NULL -> nodes.nullNode();
                default -> throw new JsonParseException(parser, "unexpected " + token);
            };
        }

        private ObjectNode object() throws IOException {
            ObjectNode object = nodes.objectNode();
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                storable(name);
                JsonToken token = parser.nextToken();
                if (object.has(name)) {
                    repeated.add(path()); // the first value stays; the repeat is reported with the other problems
                    parser.skipChildren();
                } else {
                    object.set(name, value(token));
                }
            }
            return object;
        }

        private ArrayNode array() throws IOException {
            ArrayNode array = nodes.arrayNode();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                array.add(value(token));
            }
            return array;
        }

        /**
         * A lone surrogate anywhere (value or key) is refused here at its path: no later check could name a key made
         * of one, and PostgreSQL would store it as '?'.
         */
        private String storable(String text) {
            if (StorableText.LONE_SURROGATE.equals(StorableText.problem(text))) {
                throw new PlanFormatException(422, List.of(new FieldError(StorableText.visible(path()),
                        StorableText.LONE_SURROGATE)));
            }
            return text;
        }

        /** Exact decimal; one beyond BigDecimal's reach (1e9999999999) becomes infinity, which the check refuses. */
        private JsonNode decimal() throws IOException {
            try {
                return DecimalNode.valueOf(parser.getDecimalValue());
            } catch (NumberFormatException | InputCoercionException e) {
                return DoubleNode.valueOf(parser.getText().startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            }
        }
    }
}
