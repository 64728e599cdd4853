package th.or.depa.smartcity.evaluation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What impact analysis compares of an evaluation: the outcome and each criterion's status, nothing a reader is shown
 * (no titles, reasons or facts).
 */
public record Verdict(String outcome, Map<String, String> statuses) {

    public static Verdict of(Evaluation e) {
        Map<String, String> statuses = new HashMap<>();
        e.criteria().forEach(c -> statuses.put(c.id(), c.status()));
        return new Verdict(e.outcome(), statuses);
    }

    /**
     * The verdict of a stored evaluation document, read as a stream: only the outcome and each criterion's id and
     * status are kept, the reasons and facts (most of its ~12 KB) are skipped unparsed.
     */
    public static Verdict ofStored(JsonFactory json, String evaluation) {
        try (JsonParser p = json.createParser(evaluation)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            String outcome = null;
            Map<String, String> statuses = new LinkedHashMap<>(); // in the document's order (V15 stores them so)
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("outcome".equals(field)) {
                    outcome = p.getValueAsString();
                } else if ("criteria".equals(field) && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        criterion(p, statuses);
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (outcome == null) {
                throw new IllegalStateException("a stored evaluation has no outcome");
            }
            return new Verdict(outcome, statuses);
        } catch (IOException e) {
            throw new IllegalStateException("a stored evaluation is unreadable", e);
        }
    }

    private static void criterion(JsonParser p, Map<String, String> statuses) throws IOException {
        String id = null;
        String status = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if ("id".equals(field)) {
                id = p.getValueAsString();
            } else if ("status".equals(field)) {
                status = p.getValueAsString();
            } else {
                p.skipChildren();
            }
        }
        if (id == null || status == null) {
            throw new IllegalStateException("a stored evaluation has a criterion without id or status");
        }
        statuses.put(id, status);
    }

    private static void expect(JsonToken got, JsonToken wanted) {
        if (got != wanted) {
            throw new IllegalStateException("a stored evaluation is not a JSON object");
        }
    }
}
