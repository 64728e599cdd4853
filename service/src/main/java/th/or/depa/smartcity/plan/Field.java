package th.or.depa.smartcity.plan;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One field of a plan object: its name, kind, whether it is required (then blank text counts as missing) and
 * whether its value must be unique among the items of the list the object is in.
 */
record Field(String name, Kind kind, boolean required, boolean unique) {

    static Field optional(String name, Kind kind) {
        return new Field(name, kind, false, false);
    }

    static Field required(String name, Kind kind) {
        return new Field(name, kind, true, false);
    }

    static Field unique(String name, Kind kind) {
        return new Field(name, kind, false, true);
    }

    Object read(JsonNode node, String objectPath, Reading reading) {
        String path = FieldPath.field(objectPath, name);
        if (required && node.isTextual() && node.textValue().isBlank()) {
            reading.error(path, "must not be blank");
            return null;
        }
        Object value = kind.read(node, path, reading);
        if (unique && value != null && !reading.firstIn(FieldPath.listOf(objectPath) + "." + name, value)) {
            reading.error(path, "duplicate " + name + " " + value);
            return null;
        }
        return value;
    }
}
