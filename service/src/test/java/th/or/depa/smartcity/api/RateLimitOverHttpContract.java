package th.or.depa.smartcity.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.Http;
import th.or.depa.smartcity.support.TestApps;

/**
 * RATE_LIMIT_PER_MINUTE through HTTP, as a client meets it, per database (RateLimitOverHttpH2Test,
 * RateLimitOverHttpPostgresTest). Through the JDK client: the Apache client of
 * DropwizardAppExtension honours Retry-After by itself, waiting the minute out and retrying, which is why an earlier
 * attempt through it never saw a 429 (the filter was firing all along).
 */
abstract class RateLimitOverHttpContract {

    static final int LIMIT = 3;

    static DropwizardAppExtension<SmartCityConfiguration> appOn(String databaseUrl) {
        return TestApps.on(databaseUrl, ConfigOverride.config("rateLimitPerMinute", String.valueOf(LIMIT)));
    }

    abstract DropwizardAppExtension<SmartCityConfiguration> app();

    Api api;
    Http http;
    final String plan = Api.example("phuket-livable-pass");

    @org.junit.jupiter.api.BeforeEach
    void clients() {
        api = new Api(app());
        http = Http.local(app().getLocalPort());
    }

    Http.Answer submit(String token) throws Exception {
        return http.post("/api/plans", token, null, plan);
    }

    Http.Answer evaluate(String token) throws Exception {
        return http.post("/api/evaluate", token, null, plan);
    }

    static void assertLimited(Http.Answer a) {
        assertEquals(429, a.status(), a.raw());
        long retryAfter = Long.parseLong(a.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After: " + retryAfter);
        assertEquals(429, a.body().get("code").asInt(), a.raw());
        assertTrue(a.body().get("message").asText().contains("retry in"), a.raw());
    }

    @Test
    void aSubmissionPastTheLimitIs429WithRetryAfterAndStoresNothing() throws Exception {
        String org = "rl-" + UUID.randomUUID();
        String city = api.city(org);
        for (int i = 0; i < LIMIT; i++) {
            assertEquals(201, submit(city).status());
        }
        assertLimited(submit(city));
        assertEquals(LIMIT, http.get("/api/plans", city).body().get("total").asInt(), "reads are not limited");
    }

    @Test
    void anEvaluationPastTheLimitIs429() throws Exception {
        String city = api.city("rl-" + UUID.randomUUID());
        for (int i = 0; i < LIMIT; i++) {
            assertEquals(200, evaluate(city).status());
        }
        assertLimited(evaluate(city));
    }

    @Test
    void submissionsAndEvaluationsShareOneLimit() throws Exception {
        String city = api.city("rl-" + UUID.randomUUID());
        assertEquals(201, submit(city).status());
        assertEquals(200, evaluate(city).status());
        assertEquals(201, submit(city).status());
        assertLimited(evaluate(city));
        assertLimited(submit(city));
    }

    @Test
    void anotherTokenIsNotLimitedByTheFirst() throws Exception {
        String first = api.city("rl-" + UUID.randomUUID());
        String second = api.city("rl-" + UUID.randomUUID());
        for (int i = 0; i < LIMIT; i++) {
            assertEquals(200, evaluate(first).status());
        }
        assertLimited(evaluate(first));
        assertEquals(200, evaluate(second).status());
        assertEquals(201, submit(second).status());
    }

    @Test
    void aCallerWithoutATokenGets401NotA429() throws Exception {
        for (int i = 0; i <= LIMIT; i++) {
            assertEquals(401, evaluate(null).status());
        }
    }
}
