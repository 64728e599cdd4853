package th.or.depa.smartcity.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.SmartCityApplication;
import th.or.depa.smartcity.support.TestDatabases;

/**
 * The service started as an operator starts it (config.yml, settings from the environment) with LOG_FORMAT=json:
 * every line it writes is a JSON object (logback-access's own start-up status lines aside), the application's with level, logger and message, the request log's with
 * method, path and status, and the request log still without the query string.
 */
class JsonLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Logback's own status lines, printed by logback-access at start (a version check of its jars that warns
     * whatever the layout): not the service's logs.
     */
    private static final java.util.regex.Pattern LOGBACK_STATUS = java.util.regex.Pattern.compile(
            "^\\d\\d:\\d\\d:\\d\\d,\\d{3} \\|-(INFO|WARN) in LogbackAccessRequestLog - ");

    @Test
    void withLogFormatJsonEveryLineOfTheServiceAndItsRequestLogIsAJsonObject() throws Exception {
        int port = freePort();
        int adminPort = freePort();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SmartCityApplication.class.getName(),
                "server", "../config.yml");
        pb.environment().putAll(Map.of("LOG_FORMAT", "json", "PORT", String.valueOf(port),
                "ADMIN_PORT", String.valueOf(adminPort), "DATABASE_URL", TestDatabases.freshH2(),
                "RULES_DIR", "../rules", "RULES_WATCH", "false", "RULES_SPARE_WORKER", "false",
                "RECORD_KEY_FILE", "target/test-record.key"));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process service = pb.start();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(service.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the process ended
            }
        });
        reader.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            waitUntilUp(http, port, service);
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/criteria?access_token=secret-in-the-query")).build(), HttpResponse.BodyHandlers.ofString());
        } finally {
            // SIGTERM: Dropwizard stops and flushes its appenders. Through the handle, not Process.destroy(): that closes
            // our end of the pipe at once, so every line written after the signal (the request log's, still queued in
            // its async appender on a busy machine) met a broken pipe and was lost
            service.toHandle().destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
            reader.join(10_000);
        }

        List<JsonNode> objects = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                objects.add(JSON.readTree(line));
            } catch (IOException notJson) {
                objects.add(JSON.nullNode());
            }
        }
        List<String> notJson = new ArrayList<>();
        for (int i = 0, j = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank() && !objects.get(j++).isObject() && !LOGBACK_STATUS.matcher(lines.get(i)).find()) {
                notJson.add(lines.get(i));
            }
        }
        assertEquals(List.of(), notJson, "lines that are not JSON objects");
        assertTrue(objects.stream().anyMatch(o -> o.path("level").isTextual() && o.path("logger").isTextual()
                && o.path("message").isTextual()), "an application log line with level, logger and message: " + lines);
        JsonNode request = objects.stream().filter(o -> "/api/criteria".equals(o.path("uri").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no request log line: " + lines));
        assertEquals("GET", request.path("method").asText());
        assertTrue(request.path("status").isInt(), request.toString());
        assertFalse(String.join("\n", lines).contains("secret-in-the-query"), "the query string was logged");
    }

    private static void waitUntilUp(HttpClient http, int port, Process service) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                fail("the service stopped at start, exit " + service.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/criteria")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250); // nothing to wait on but the port
        }
        fail("the service did not answer within 120 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
