package th.or.depa.smartcity.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.support.ServiceProcess;

/**
 * SIGTERM, as an operator or a container runtime stops the service: everything still running (the webhook
 * dispatcher, the rules watcher, the expiry jobs, requests in flight) ends while the database is still open, so the
 * stop logs no warning and no error, and what was written just before the signal is there after the next start.
 * On H2 this needs the database closed by the service after its last user, not by H2's own exit hook, which runs
 * at the same time as the service's stop.
 */
abstract class CleanStopContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The settings of a fresh database for this test (DATABASE_URL, and DATABASE_USER where it needs one). */
    abstract Map<String, String> database();

    @Test
    void aStopLogsNoWarningAndKeepsWhatWasWrittenJustBeforeIt() throws Exception {
        Map<String, String> db = database();
        // the dispatcher and the rules watcher poll often, so that they run while the service stops
        Map<String, String> settings = new java.util.HashMap<>(db);
        settings.putAll(Map.of("LOG_FORMAT", "json", "WEBHOOK_POLL", "20 milliseconds"));
        Map<String, String> cli = new java.util.HashMap<>(db);
        cli.put("RECORD_KEY_FILE", "target/test-record.key");
        String token;
        List<String> afterSignal;
        int exit;
        try (ServiceProcess service = ServiceProcess.server(settings)) {
            service.awaitHealthy();
            // written through the running service's database (H2: its AUTO_SERVER), then the signal at once
            token = ServiceProcess.command(cli,
                    "add-user", "--name", "Stop Test Admin", "--role", "ADMIN", "../config.yml");
            int before = service.lines().size();
            exit = service.stop();
            List<String> lines = service.lines();
            afterSignal = lines.subList(before, lines.size());
        }
        assertEquals(143, exit, "SIGTERM ends the JVM through its shutdown hooks (128 + 15)");
        List<String> complaints = new ArrayList<>();
        for (String line : afterSignal) {
            JsonNode o = parse(line);
            if (o != null && ("WARN".equals(o.path("level").asText()) || "ERROR".equals(o.path("level").asText()))) {
                complaints.add(line);
            }
        }
        assertEquals(List.of(), complaints, "warnings or errors logged while the service stopped");
        assertTrue(afterSignal.stream().anyMatch(l -> l.contains("Stopped")), "the stop's own lines: " + afterSignal);

        try (ServiceProcess again = ServiceProcess.server(db)) {
            again.awaitOk("/api/criteria");
            assertEquals(200, again.get("/api/users", token).statusCode(),
                    "the user added just before the stop is there after the restart");
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException notJson) {
            return null;
        }
    }
}
