package th.or.depa.smartcity.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * evaluations.criterion_statuses (V15): each criterion's status of a stored evaluation as a small JSON object,
 * {"SC-01":"MET",...}, in the evaluation's order. Impact analysis reads a plan's verdict in force from it and the
 * outcome column instead of the 12 KB evaluation document (bench/README.md, "Issue 18: impact analysis, third
 * round"). JSON rather than a home-made list: a criterion id is whatever the rules in force say.
 */
public final class CriterionStatuses {

    private static final JsonFactory JSON = new JsonFactory();

    private CriterionStatuses() {
    }

    public static String write(Map<String, String> statuses) {
        StringWriter out = new StringWriter(24 * statuses.size() + 2);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> s : statuses.entrySet()) {
                g.writeStringField(s.getKey(), s.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write criterion statuses", e);
        }
        return out.toString();
    }

    /** The statuses by criterion id, in the order written. */
    public static Map<String, String> read(String column) {
        try (JsonParser p = JSON.createParser(column)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("stored criterion statuses are not a JSON object");
            }
            Map<String, String> statuses = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String id = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_STRING) {
                    throw new IllegalStateException("a stored criterion status is not a string");
                }
                statuses.put(id, p.getText());
            }
            return statuses;
        } catch (IOException e) {
            throw new IllegalStateException("stored criterion statuses are unreadable", e);
        }
    }
}
