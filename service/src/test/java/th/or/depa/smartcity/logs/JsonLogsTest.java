package th.or.depa.smartcity.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.support.ServiceProcess;
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
        List<String> lines;
        try (ServiceProcess service = ServiceProcess.server(Map.of("LOG_FORMAT", "json",
                "DATABASE_URL", TestDatabases.freshH2()))) {
            service.awaitOk("/api/criteria");
            service.get("/api/criteria?access_token=secret-in-the-query", null);
            service.stop(); // Dropwizard stops and flushes its appenders
            lines = service.lines();
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
}
