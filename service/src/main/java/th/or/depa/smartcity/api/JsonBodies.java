package th.or.depa.smartcity.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import th.or.depa.smartcity.plan.FieldError;
import th.or.depa.smartcity.plan.StorableText;

/**
 * Small request bodies (actions, votes, users): a JSON object with known fields of known types. Unknown fields,
 * wrong types and oversize texts are 422 naming the field; a body that is not JSON is 400.
 */
public final class JsonBodies {

    public enum Type { TEXT, FLAG, OBJECT, INTEGER, ARRAY }

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    private static final int MAX_TEXT = 10_000;

    private JsonBodies() {
    }

    /** The fields of the body by name (absent and null fields are left out). */
    public static Map<String, JsonNode> read(InputStream in, Map<String, Type> fields, Set<String> required) {
        byte[] bytes = Bodies.read(in);
        JsonNode tree;
        try (JsonParser p = STRICT.createParser(bytes)) {
            tree = STRICT.readTree(p);
            if (tree == null || p.nextToken() != null) {
                throw new ApiException(400, "the body is not a single JSON value");
            }
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            if (String.valueOf(e.getOriginalMessage()).contains("surrogate")) { // in a key: Jackson refuses it itself
                throw ApiException.field(422, "", StorableText.LONE_SURROGATE);
            }
            throw new ApiException(400, "the body is not JSON");
        } catch (IOException e) {
            throw new ApiException(400, "the body is not JSON");
        }
        if (!tree.isObject()) {
            throw ApiException.field(422, "", "the body must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            Type type = fields.get(f.getKey());
            JsonNode v = f.getValue();
            if (StorableText.problem(f.getKey()) != null) {
                errors.add(new FieldError(StorableText.visible(f.getKey()), StorableText.problem(f.getKey())));
            } else if (type == null) {
                errors.add(new FieldError(f.getKey(), "unknown field"));
            } else if (v.isNull()) {
                continue;
            } else if (type == Type.TEXT && !v.isTextual()) {
                errors.add(new FieldError(f.getKey(), "must be a string"));
            } else if (type == Type.TEXT && v.asText().codePointCount(0, v.asText().length()) > MAX_TEXT) {
                errors.add(new FieldError(f.getKey(), "must be at most 10000 characters"));
            } else if (type == Type.TEXT && StorableText.problem(v.asText()) != null) {
                errors.add(new FieldError(f.getKey(), StorableText.problem(v.asText())));
            } else if (type == Type.OBJECT && !v.isObject()) {
                errors.add(new FieldError(f.getKey(), "must be an object"));
            } else if (type == Type.FLAG && !v.isBoolean()) {
                errors.add(new FieldError(f.getKey(), "must be true or false"));
            } else if (type == Type.INTEGER && !(v.isIntegralNumber() && v.canConvertToInt())) {
                errors.add(new FieldError(f.getKey(), "must be a whole number"));
            } else if (type == Type.ARRAY && !v.isArray()) {
                errors.add(new FieldError(f.getKey(), "must be a list"));
            } else {
                out.put(f.getKey(), v);
            }
        }
        for (String r : required) {
            if (!out.containsKey(r) && errors.stream().noneMatch(e -> e.field().equals(r))) {
                errors.add(new FieldError(r, "is required"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(422, errors.get(0).field() + ": " + errors.get(0).message(), errors, null);
        }
        return out;
    }

    public static String text(Map<String, JsonNode> body, String field) {
        JsonNode v = body.get(field);
        return v == null ? null : v.asText();
    }

    public static Boolean flag(Map<String, JsonNode> body, String field) {
        JsonNode v = body.get(field);
        return v == null ? null : v.asBoolean();
    }
}
