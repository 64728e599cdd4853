package th.or.depa.smartcity.openapi;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request and its answer as the test app saw them: headers by lower-case name, query parameters decoded, the
 * bodies as read and written (null when not seen: larger than the copy, or written by Jetty past the filter).
 */
public record Exchange(String method, String path, Map<String, List<String>> query,
                       Map<String, List<String>> requestHeaders, byte[] requestBody,
                       int status, Map<String, List<String>> responseHeaders, byte[] responseBody) {

    public String requestHeader(String name) {
        List<String> v = requestHeaders.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public String responseHeader(String name) {
        List<String> v = responseHeaders.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** For tests of the checker: an exchange built by hand. */
    public static Builder of(String method, String path) {
        return new Builder(method, path);
    }

    public static final class Builder {
        private final String method;
        private final String path;
        private final Map<String, List<String>> query = new TreeMap<>();
        private final Map<String, List<String>> requestHeaders = new TreeMap<>();
        private final Map<String, List<String>> responseHeaders = new TreeMap<>();
        private byte[] requestBody;
        private byte[] responseBody;
        private int status = 200;

        Builder(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Builder query(String name, String value) {
            query.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
            return this;
        }

        public Builder requestHeader(String name, String value) {
            requestHeaders.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), k -> new java.util.ArrayList<>()).add(value);
            return this;
        }

        public Builder requestBody(String json) {
            requestHeader("Content-Type", "application/json");
            requestBody = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return this;
        }

        public Builder status(int s) {
            status = s;
            return this;
        }

        public Builder responseHeader(String name, String value) {
            responseHeaders.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), k -> new java.util.ArrayList<>()).add(value);
            return this;
        }

        public Builder responseBody(String type, String body) {
            responseHeader("Content-Type", type);
            responseBody = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return this;
        }

        public Exchange build() {
            return new Exchange(method, path, query, requestHeaders, requestBody, status, responseHeaders, responseBody);
        }
    }
}
