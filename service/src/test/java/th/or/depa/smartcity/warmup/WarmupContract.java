package th.or.depa.smartcity.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.Poll;
import th.or.depa.smartcity.support.TestApps;

/**
 * The service warms up with the bundled examples after start: /healthcheck turns healthy once the warm-up is done,
 * and the warm-up stored nothing and counted no evaluation. Run per database.
 */
abstract class WarmupContract {

    static DropwizardAppExtension<SmartCityConfiguration> app(String url) {
        return TestApps.on(url, ConfigOverride.config("warmup.duration", "2 seconds"));
    }

    abstract DropwizardAppExtension<SmartCityConfiguration> app();

    @Test
    void theServiceReportsHealthyOnceWarmedUpWithNothingStoredAndNoEvaluationCounted() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI healthcheck = URI.create("http://127.0.0.1:" + app().getAdminPort() + "/healthcheck");
        Poll.until("the warm-up to end", 60, () -> app().getEnvironment().healthChecks()
                .runHealthCheck("warmup").isHealthy());
        HealthCheck.Result warmup = app().getEnvironment().healthChecks().runHealthCheck("warmup");
        assertTrue(warmup.getMessage().startsWith("warmed up: "), warmup.getMessage());
        assertFalse(warmup.getMessage().startsWith("warmed up: 0 plans"), warmup.getMessage());
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(healthcheck).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"warmup\""), health.body());

        Jdbi db = new Api(app()).jdbi();
        for (String table : new String[] {"plans", "plan_revisions", "evaluations", "notifications",
            "idempotency_keys"}) {
            long rows = db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
            assertEquals(0L, rows, table);
        }
        String metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app().getAdminPort()
                + "/metrics/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.lines().filter(l -> l.startsWith("smartcity_evaluations_total{")
                        || l.startsWith("smartcity_rule_run_seconds_count"))
                .allMatch(l -> l.matches(".* 0(\\.0)?")), metrics);
        // the warm-up also went through HTTP to the service's own port (Jetty counted its 401s), and the service's
        // request timers left those requests out
        double jetty4xx = metrics.lines().filter(l -> l.contains("4xx_responses") && !l.startsWith("#"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertTrue(jetty4xx > 0, metrics);
        assertFalse(metrics.lines().anyMatch(l -> l.startsWith("smartcity_http_request_seconds_count{")
                && l.contains("/api/evaluate")), metrics);
    }
}
