package th.or.depa.smartcity.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.openapi.ValidatedApp;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.Poll;
import th.or.depa.smartcity.support.TestDatabases;

/**
 * Two instances with auth.tokenCache on one database (TwoInstancesTokensH2Test, TwoInstancesTokensPostgresTest): a
 * token B answers from memory is refused by B on the request right after A revoked it, 50 times in a row with fresh
 * tokens, so a race between the revocation and B's memory would show.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoInstancesTokensContract {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    abstract String url();

    DropwizardTestSupport<SmartCityConfiguration> a;
    DropwizardTestSupport<SmartCityConfiguration> b;
    String admin;

    DropwizardTestSupport<SmartCityConfiguration> instance() throws Exception {
        DropwizardTestSupport<SmartCityConfiguration> app = new DropwizardTestSupport<>(ValidatedApp.class,
                ResourceHelpers.resourceFilePath("test-config.yml"), ConfigOverride.config("database.url", url()),
                ConfigOverride.config("database.user", TestDatabases.user(url())),
                ConfigOverride.config("auth.tokenCache", "true"));
        app.before();
        return app;
    }

    @BeforeAll
    void start() throws Exception {
        a = instance();
        b = instance();
        var db = a.getConfiguration().getDatabase();
        Jdbi jdbi = Jdbi.create(db.getUrl(), db.getUser(), db.getPassword()).installPlugin(new SqlObjectPlugin());
        admin = new UserService(jdbi, Api.recordKey(a.getConfiguration()), Clock.systemUTC())
                .create("admin", Role.ADMIN, null, null, false).token();
        Poll.until("both instances read the revocation counter", 10,
                () -> gauge(a, "auth.tokenCache.epochSession") >= 0 && gauge(b, "auth.tokenCache.epochSession") >= 0);
    }

    @AfterAll
    void stop() {
        a.after();
        b.after();
    }

    static long gauge(DropwizardTestSupport<SmartCityConfiguration> app, String name) {
        return ((Number) app.getEnvironment().metrics().getGauges().get(name).getValue()).longValue();
    }

    static HttpResponse<String> send(DropwizardTestSupport<SmartCityConfiguration> app, String method, String path,
                                     String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + app.getLocalPort() + path))
                .header("Authorization", "Bearer " + token);
        r = method.equals("POST") ? r.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"u " + UUID.randomUUID()
                        + "\", \"role\": \"REVIEWER\"}")) : r.method(method, HttpRequest.BodyPublishers.noBody());
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTokenRevokedOnOneInstanceIsRefusedByTheOtherOnTheVeryNextRequest() throws Exception {
        ObjectMapper json = new ObjectMapper();
        long hits = gauge(b, "auth.tokenCache.hits");
        for (int i = 0; i < 50; i++) {
            JsonNode user = json.readTree(send(a, "POST", "/api/users", admin).body());
            String token = user.get("token").asText();
            assertEquals(200, send(b, "GET", "/api/rulesets", token).statusCode());
            assertEquals(200, send(b, "GET", "/api/rulesets", token).statusCode()); // from B's memory
            assertEquals(200, send(a, "DELETE", "/api/users/" + user.get("id").asText() + "/tokens", admin)
                    .statusCode());
            assertEquals(401, send(b, "GET", "/api/rulesets", token).statusCode(), "round " + i);
        }
        assertTrue(gauge(b, "auth.tokenCache.hits") - hits >= 45, "B answered from memory (a few may look up on a "
                + "busy machine): " + (gauge(b, "auth.tokenCache.hits") - hits));
    }
}
