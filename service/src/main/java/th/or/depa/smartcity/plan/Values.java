package th.or.depa.smartcity.plan;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The checked values of one JSON object, by field name, from which its record is built. */
final class Values {
    private final Set<String> declared;
    private final Map<String, Object> given = new HashMap<>();

    Values(Set<String> declared) {
        this.declared = declared;
    }

    void put(String name, Object value) {
        given.put(name, value);
    }

    /** Whether the field was present and not null (its value may still have been refused). */
    boolean has(String name) {
        return given.containsKey(name);
    }

    /** The field's value, null when absent or refused; typed by where it is used, as the shape guarantees. */
    @SuppressWarnings("unchecked")
    <V> V get(String name) {
        if (!declared.contains(name)) {
            throw new IllegalArgumentException("the shape declares no field " + name); // a slip in PlanShape
        }
        return (V) given.get(name);
    }
}
