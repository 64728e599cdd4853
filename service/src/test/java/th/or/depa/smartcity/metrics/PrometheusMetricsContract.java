package th.or.depa.smartcity.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestApps;

/**
 * /metrics/prometheus on the admin port after two submissions: business metrics, request timers, Dropwizard's; per
 * database (PrometheusMetricsH2Test, PrometheusMetricsPostgresTest): the backlog gauges read the outbox tables.
 */
abstract class PrometheusMetricsContract {

    /** A webhook on 127.0.0.1 (allowed here) whose failed delivery waits an hour: it stays in the backlog. */
    static DropwizardAppExtension<SmartCityConfiguration> appOn(String databaseUrl) {
        return TestApps.on(databaseUrl, ConfigOverride.config("webhooks.allowPrivate", "true"),
                ConfigOverride.config("webhooks.retryFirst", "1 hour"));
    }

    abstract DropwizardAppExtension<SmartCityConfiguration> app();

    @Test
    void aSubmissionShowsInTheCountersTimersAndGaugesOfThePrometheusPage() throws Exception {
        Api api = new Api(app());
        String city = api.city("org-metrics");
        // port 9 (discard) refuses: the city's notifications wait in the backlog
        assertEquals(201, api.post("/api/webhooks", city, "{\"url\":\"http://127.0.0.1:9/hook\"}").status());
        assertEquals(201, api.post("/api/plans", city, Api.example("phuket-livable-pass")).status());
        assertEquals(201, api.post("/api/plans", city, Api.example("minimal-fails-everything", "Phuket")).status());
        assertEquals(200, api.post("/api/evaluate", city, Api.example("phuket-livable-pass")).status());

        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app().getAdminPort() + "/metrics/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        String text = page.body();
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                "Prometheus text format");

        // stored submissions by kind and outcome; the dry run is an evaluation, not a submission
        assertEquals(1.0, value(text, "smartcity_submissions_total{kind=\"plan\",outcome=\"PASS\"}"));
        assertEquals(1.0, value(text, "smartcity_submissions_total{kind=\"plan\",outcome=\"FAIL\"}"));
        assertEquals(2.0, value(text, "smartcity_evaluations_total{outcome=\"PASS\"}"));
        assertEquals(1.0, value(text, "smartcity_evaluations_total{outcome=\"FAIL\"}"));
        assertEquals(3.0, value(text, "smartcity_rule_run_seconds_count"));
        assertTrue(value(text, "smartcity_rule_run_seconds_sum") > 0);
        // group commit: the two plans, sent one after the other, were each written alone; nothing rewritten or waiting
        assertEquals(2.0, value(text, "smartcity_submission_batch_size_count"));
        assertEquals(2.0, value(text, "smartcity_submission_batch_size_bucket{le=\"1.0\"}"));
        assertEquals(2.0, value(text, "smartcity_submission_batch_size_sum"));
        assertEquals(0.0, value(text, "smartcity_submission_batches_written_one_by_one_total"));
        assertEquals(0.0, value(text, "smartcity_submissions_queued"));
        // every resource method timed by its path template and status class
        assertEquals(2.0, value(text,
                "smartcity_http_request_seconds_count{method=\"POST\",path=\"/api/plans\",status=\"2xx\"}"));
        assertEquals(1.0, value(text,
                "smartcity_http_request_seconds_count{method=\"POST\",path=\"/api/evaluate\",status=\"2xx\"}"));
        // the rule set in force (an empty database puts the folder in force as version 1) and the backlog: one
        // notification of each submission's evaluation to the city's webhook
        assertTrue(Pattern.compile("(?m)^smartcity_rule_set_version\\{sha256=\"[0-9a-f]{64}\"} 1\\.0$")
                .matcher(text).find(), "rule set version gauge");
        assertEquals(2.0, value(text, "smartcity_notification_deliveries{state=\"PENDING\"}"));
        assertEquals(0.0, value(text, "smartcity_notification_deliveries{state=\"FAILED\"}"));
        // Dropwizard's own registry: Jetty's request timer, the database pool
        assertTrue(text.contains("\nio_dropwizard_jetty_MutableServletContextHandler_requests"), "Jetty's timer");
    }

    /** The sample's value on its line "name{labels} value". */
    private static double value(String text, String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(text);
        assertTrue(m.find(), () -> "no sample " + sample + " in:\n" + text.lines()
                .filter(l -> l.startsWith("smartcity_")).reduce("", (a, b) -> a + b + "\n"));
        return Double.parseDouble(m.group(1));
    }
}
