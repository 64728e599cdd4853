package th.or.depa.smartcity.ruleset;

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
import java.nio.file.Path;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.SmartCityApplication;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.auth.UserService;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestDatabases;
import th.or.depa.smartcity.support.TestRules;

/**
 * The rules folder at start, per database: an empty database puts it in force (version 1); a service restarted
 * with a changed folder stores it as PROPOSED and keeps serving the version in force.
 */
abstract class FolderAtStartContract {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    abstract String databaseUrl();

    static DropwizardTestSupport<SmartCityConfiguration> start(String url, Path rules) throws Exception {
        DropwizardTestSupport<SmartCityConfiguration> app = new DropwizardTestSupport<>(SmartCityApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"), ConfigOverride.config("database.url", url),
                ConfigOverride.config("database.user", TestDatabases.user(url)),
                ConfigOverride.config("rules.dir", rules.toString()),
                ConfigOverride.config("rules.checkTimeout", "180 seconds"));
        app.before();
        return app;
    }

    static JsonNode get(DropwizardTestSupport<SmartCityConfiguration> app, String path, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.getLocalPort()
                + path)).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void anEmptyDatabaseStartsFromTheFolderAndALaterChangedFolderIsOnlyProposed() throws Exception {
        String url = databaseUrl();
        Path rules = TestRules.copy();
        DropwizardTestSupport<SmartCityConfiguration> app = start(url, rules);
        String reviewer;
        try {
            var db = app.getConfiguration().getDatabase();
            Jdbi jdbi = Jdbi.create(db.getUrl(), db.getUser(), db.getPassword()).installPlugin(new SqlObjectPlugin());
            reviewer = new UserService(jdbi, Api.recordKey(app.getConfiguration()), Clock.systemUTC())
                    .create("Reviewer at start", Role.REVIEWER, null, null, false).token();
            JsonNode first = get(app, "/api/rulesets/1", reviewer);
            assertEquals("ACTIVE", first.get("status").asText());
            assertEquals(RuleSets.FOLDER, first.get("proposedBy").asText());
            assertEquals(RuleSets.FOLDER, first.get("activatedBy").asText());
        } finally {
            app.after();
        }

        Path params = rules.resolve("parameters.csv");
        TestRules.write(params, TestRules.setParameter(TestRules.read(params), "minDomains", "4"));
        app = start(url, rules);
        try {
            JsonNode status = get(app, "/api/rulesets/status", reviewer);
            assertEquals(1, status.get("inForce").get("version").asInt(), status.toString());
            assertTrue(status.get("lastReload").get("stored").asBoolean(), status.toString());
            assertEquals(2, status.get("lastReload").get("version").asInt(), status.toString());
            JsonNode second = get(app, "/api/rulesets/2", reviewer);
            assertEquals("PROPOSED", second.get("status").asText());
            assertEquals(RuleSets.FOLDER, second.get("proposedBy").asText());
        } finally {
            app.after();
        }
    }
}
