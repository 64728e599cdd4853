package th.or.depa.smartcity.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain JDK HTTP client for tests that count answers. The Apache client DropwizardAppExtension hands out retries a
 * 429 or 503 by itself after the Retry-After it names, so a test through it never sees the limit or the outage (a
 * 429 with Retry-After: 60 came back as a 200 a minute later); this one answers exactly what the server said.
 */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /** An answer: status, header lookup, the body as JSON (null when it is not JSON) and as text. */
    public record Answer(int status, HttpResponse<String> response, JsonNode body) {
        public String raw() {
            return response.body();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    public Http(String base) {
        this.base = base;
    }

    public static Http local(int port) {
        return new Http("http://127.0.0.1:" + port);
    }

    public Answer get(String path, String token) throws IOException {
        return send(builder(path, token).GET());
    }

    /** A POST with a JSON body; idempotencyKey may be null. */
    public Answer post(String path, String token, String idempotencyKey, String json) throws IOException {
        HttpRequest.Builder b = builder(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return send(idempotencyKey == null ? b : b.header("Idempotency-Key", idempotencyKey));
    }

    /** Any method with exactly this Content-Type (null: none at all) and body. */
    public Answer send(String method, String path, String token, String contentType, String body) throws IOException {
        HttpRequest.Builder b = builder(path, token).method(method, HttpRequest.BodyPublishers.ofString(body));
        return send(contentType == null ? b : b.header("Content-Type", contentType));
    }

    private HttpRequest.Builder builder(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> r;
            try {
                r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException stale) {
                // Jetty closes a connection whose request body it did not read (a 401 before the body); a request
                // sent on it just as it closed gets no byte back and was never read, so sending it again is safe
                if (!String.valueOf(stale.getMessage()).contains("received no bytes")) {
                    throw stale;
                }
                r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            return new Answer(r.statusCode(), r, parse(r.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return text == null || text.isEmpty() ? null : JSON.readTree(text);
        } catch (IOException notJson) {
            return null;
        }
    }
}
