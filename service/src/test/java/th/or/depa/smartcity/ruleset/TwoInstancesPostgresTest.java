package th.or.depa.smartcity.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.SmartCityApplication;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.auth.UserService;
import th.or.depa.smartcity.support.TestDatabases;
import th.or.depa.smartcity.support.TestRules;

/** Two service instances on one PostgreSQL database serve the same rule-set version soon after an activation. */
class TwoInstancesPostgresTest {

    static final String URL = TestDatabases.freshPostgres();
    static DropwizardTestSupport<SmartCityConfiguration> a;
    static DropwizardTestSupport<SmartCityConfiguration> b;
    static final Client CLIENT = ClientBuilder.newClient();

    static DropwizardTestSupport<SmartCityConfiguration> instance() throws Exception {
        DropwizardTestSupport<SmartCityConfiguration> app = new DropwizardTestSupport<>(SmartCityApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"), ConfigOverride.config("database.url", URL),
                ConfigOverride.config("database.user", TestDatabases.PG_USER),
                ConfigOverride.config("rules.pollMillis", "500"));
        app.before();
        return app;
    }

    @BeforeAll
    static void start() throws Exception {
        a = instance();
        b = instance();
    }

    @AfterAll
    static void stop() {
        a.after();
        b.after();
    }

    static int versionOn(DropwizardTestSupport<SmartCityConfiguration> app) {
        return CLIENT.target("http://localhost:" + app.getLocalPort() + "/api/criteria").request()
                .get(com.fasterxml.jackson.databind.JsonNode.class).get("ruleSet").get("version").asInt();
    }

    @Test
    void anActivationOnOneInstanceIsServedByTheOtherWithinFiveSeconds() throws Exception {
        var db = a.getConfiguration().getDatabase();
        var jdbi = org.jdbi.v3.core.Jdbi.create(db.getUrl(), db.getUser(), db.getPassword())
                .installPlugin(new org.jdbi.v3.sqlobject.SqlObjectPlugin());
        UserService users = new UserService(jdbi, th.or.depa.smartcity.support.Api.recordKey(a.getConfiguration()),
                java.time.Clock.systemUTC());
        String proposer = users.create("r1", Role.REVIEWER, null, null, false).token();
        String approver = users.create("r2", Role.REVIEWER, null, null, false).token();
        ObjectMapper json = new ObjectMapper();
        ObjectNode body = json.createObjectNode();
        body.set("files", json.valueToTree(TestRules.withParameter("minDomains", "3")));
        String base = "http://localhost:" + a.getLocalPort() + "/api/rulesets";
        var proposed = CLIENT.target(base).request().header("Authorization", "Bearer " + proposer)
                .post(Entity.json(body.toString()), com.fasterxml.jackson.databind.JsonNode.class);
        int v = proposed.get("version").asInt();
        int before = versionOn(b);
        assertEquals(200, CLIENT.target(base + "/" + v + "/activate").request()
                .header("Authorization", "Bearer " + approver).post(Entity.json("{}")).getStatus());
        long activatedAt = System.currentTimeMillis();
        assertEquals(v, versionOn(a));
        while (versionOn(b) != v && System.currentTimeMillis() - activatedAt < 5_000) {
            Thread.sleep(50);
        }
        long took = System.currentTimeMillis() - activatedAt;
        assertTrue(before != v);
        assertEquals(v, versionOn(b), "instance B still serves version " + versionOn(b) + " after " + took + " ms");
    }
}
