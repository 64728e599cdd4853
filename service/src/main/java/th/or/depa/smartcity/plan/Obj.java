package th.or.depa.smartcity.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** A JSON object of the plan: its known fields, and how its record is built from their checked values. */
final class Obj<T> implements Kind {
    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final Function<Values, T> build;

    Obj(Function<Values, T> build, Field... fields) {
        for (Field field : fields) {
            this.fields.put(field.name(), field);
        }
        this.build = build;
    }

    @Override
    public T read(JsonNode node, String path, Reading reading) {
        if (!node.isObject()) {
            reading.error(path, "must be an object");
            return null;
        }
        Values values = new Values(Collections.unmodifiableSet(fields.keySet()));
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String at = FieldPath.field(path, entry.getKey());
            reading.visiting(at);
            Field field = fields.get(entry.getKey());
            if (field == null) {
                reading.error(at, "unknown field"); // refused so that a typo never silently drops data
            } else if (!entry.getValue().isNull()) { // null is the same as absent (plan.md)
                values.put(field.name(), field.read(entry.getValue(), path, reading));
            }
        }
        for (Field field : fields.values()) {
            if (field.required() && !values.has(field.name())) {
                reading.error(FieldPath.field(path, field.name()), "is required");
            }
        }
        return build.apply(values);
    }
}
