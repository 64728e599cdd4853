package th.or.depa.smartcity.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.Http;
import th.or.depa.smartcity.support.Poll;
import th.or.depa.smartcity.support.PrivatePostgres;
import th.or.depa.smartcity.support.TestApps;

/**
 * PostgreSQL stopped and started while cities submit (api.md, Errors): requests fail fast with 503 and a JSON body,
 * the admin health check reports the database, the service recovers by itself and no acknowledged plan is lost.
 * The server is a private cluster (port property faulttest.port, 55433 by default) so that stopping it disturbs no
 * other test; the service runs with config.yml itself, so its pool and timeout settings are what is tested.
 */
class DatabaseOutagePostgresTest {

    @RegisterExtension
    @Order(1)
    static final PrivatePostgres PG = new PrivatePostgres("faulttest", Integer.getInteger("faulttest.port", 55433),
            "smartcity_outage");

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<SmartCityConfiguration> APP = TestApps.shippedOn(PG, "outage");

    final Api api = new Api(APP);
    final Http http = Http.local(APP.getLocalPort());
    final Http admin = Http.local(APP.getAdminPort());

    @Test
    void anOutageIsAFast503TheHealthCheckSaysSoTheServiceRecoversAndNoAcknowledgedPlanIsLost() throws Exception {
        List<String> cities = List.of(api.city("outage-a"), api.city("outage-b"), api.city("outage-c"));
        String run = "o" + UUID.randomUUID().toString().substring(0, 8);
        SubmissionLoad load = new SubmissionLoad(http, cities, run, 10, 0);
        Future<?> clients = load.submitUntilStopped(8, 300);
        Poll.until("30 plans acknowledged before the outage", 60, () -> load.acknowledged() >= 30);
        assertTrue(databaseHealthy());

        PG.stop();
        long start = System.nanoTime();
        Http.Answer submit = http.post("/api/plans", cities.get(0), null, Api.example("phuket-livable-pass"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(503, submit.status(), submit.raw());
        assertEquals(503, submit.body().get("code").asInt(), submit.raw());
        assertTrue(millis < 5_000, "the 503 took " + millis + " ms");
        Http.Answer list = http.get("/api/plans", cities.get(0));
        assertEquals(503, list.status(), list.raw());
        assertEquals(503, list.body().get("code").asInt(), list.raw());
        Poll.until("the health check to report the database down", 20, () -> !databaseHealthy());
        Poll.until("the clients to be refused while it is down", 30, () -> load.count(503) >= 8);

        PG.start();
        int atRestart = load.acknowledged();
        double recovery = Poll.until("30 more plans acknowledged after the restart", 60,
                () -> load.acknowledged() >= atRestart + 30);
        Poll.until("the health check to report the database up", 20, this::databaseHealthy);
        load.stop();
        clients.get(120, TimeUnit.SECONDS);
        System.out.printf("outage: recovered %.1f s after the restart; slowest 503 %d ms; %s%n", recovery,
                load.slowest503Millis(), load.summary());

        assertEquals(List.of(), load.problems(), "answers other than 201 and a JSON 503");
        assertTrue(load.slowest503Millis() < 5_000, "the slowest 503 took " + load.slowest503Millis() + " ms");
        StoredPlans.assertEachStoredOnce(api.jdbi(), api.recordKey(), http, run, load.acks());
    }

    /** Dropwizard's health check: 200 when all are healthy, 500 naming the unhealthy one otherwise. */
    boolean databaseHealthy() throws Exception {
        Http.Answer health = admin.get("/healthcheck", null);
        boolean healthy = health.body().get("database").get("healthy").asBoolean();
        assertEquals(healthy ? 200 : 500, health.status(), health.raw());
        return healthy;
    }
}
