package th.or.depa.smartcity.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON documents as the service stores them (TEXT columns): written by the service itself, so a failure to write
 * or read one is a server fault, never the caller's.
 */
public final class StoredJson {

    private StoredJson() {
    }

    public static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a document", e);
        }
    }

    /** The document as a tree; null stays null. */
    public static JsonNode read(ObjectMapper mapper, String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored document is unreadable", e);
        }
    }
}
