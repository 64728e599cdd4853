package th.or.depa.smartcity.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.Http;
import th.or.depa.smartcity.support.TestApps;
import th.or.depa.smartcity.support.TestRules;

/**
 * Rules in force never run while a database connection is held: with a slow but legal workflow rule (about 3 s per
 * judgement) in force and a pool of two connections, four workflow actions at once leave the pool free, so another
 * user's plain read answers within 2 s and the health check stays healthy. Run per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SlowRuleContract {

    /**
     * About 3 s of CPU each time an office sends a plan back (each term measured at 0.9 to 2.4 s on the 2-core build
     * machine): longer than the pool's 2 s wait, so a connection held while judging turns reads into 503s (checked
     * by holding one). The expression reads the joined PlanStatus, so it runs only for that action, not on submit.
     */
    static final String SLOW_RULE = "package smartcity.workflow;\n\nimport th.or.depa.smartcity.facts.*;\n\n"
            + "rule \"Sending a plan back takes its time to judge\"\nwhen\n"
            + "    $s : PlanStatus()\n"
            + "    Request( action == \"REQUEST_REVISION\", $s.state().length()"
            + " + java.math.BigInteger.valueOf(3).pow(2500000).toString().length()"
            + " + java.math.BigInteger.valueOf(5).pow(2500000).toString().length()"
            + " + java.math.BigInteger.valueOf(7).pow(2500000).toString().length() > 0 )\n"
            + "then\nend\n";

    static final int ACTIONS = 4;

    static DropwizardAppExtension<SmartCityConfiguration> app(String url) {
        Path rules = TestRules.copy();
        TestRules.write(rules.resolve("workflow/slow.drl"), SLOW_RULE);
        return TestApps.on(url, ConfigOverride.config("rules.dir", rules.toString()),
                ConfigOverride.config("database.initialSize", "1"), ConfigOverride.config("database.minSize", "1"),
                ConfigOverride.config("database.maxSize", "2"),
                // the slow rule is legal and in force: within its own limits, which are raised for it
                ConfigOverride.config("rules.runTimeout", "60 seconds"),
                ConfigOverride.config("rules.maxAllocation", "1024GiB"));
    }

    abstract DropwizardAppExtension<SmartCityConfiguration> app();

    @Test
    void slowWorkflowRulesHoldNoConnectionSoReadsAndTheHealthCheckStayFast() throws Exception {
        Api api = new Api(app());
        Http http = Http.local(app().getLocalPort());
        Http admin = Http.local(app().getAdminPort());
        String city = api.city("slow-city");
        String office = api.token(Role.OFFICE, null, null, false);
        String reader = api.token(Role.REVIEWER, null, null, false);
        ExecutorService pool = Executors.newFixedThreadPool(ACTIONS);
        try {
            List<Future<Http.Answer>> submitted = new ArrayList<>();
            for (int i = 0; i < ACTIONS; i++) {
                submitted.add(pool.submit(() -> http.post("/api/plans", city, null, Api.example("phuket-livable-pass"))));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Http.Answer> f : submitted) {
                assertEquals(201, f.get().status(), f.get().raw());
                ids.add(f.get().body().get("plan").get("id").asText());
            }

            List<Future<Long>> actions = new ArrayList<>();
            for (String id : ids) {
                actions.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    Http.Answer a = http.post("/api/plans/" + id + "/actions", office, null,
                            "{\"action\":\"REQUEST_REVISION\",\"comment\":\"more KPIs\"}");
                    assertEquals(200, a.status(), a.raw());
                    return (System.nanoTime() - start) / 1_000_000;
                }));
            }
            long slowestRead = 0;
            int reads = 0;
            while (actions.stream().anyMatch(f -> !f.isDone()) || reads < 3) {
                long start = System.nanoTime();
                Http.Answer list = http.get("/api/plans", reader);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(200, list.status(), list.raw());
                slowestRead = Math.max(slowestRead, millis);
                Http.Answer health = admin.get("/healthcheck", null);
                assertEquals(200, health.status(), health.raw());
                assertTrue(health.body().get("database").get("healthy").asBoolean(), health.raw());
                reads++;
            }
            long slowestAction = 0;
            for (Future<Long> f : actions) {
                slowestAction = Math.max(slowestAction, f.get());
            }
            assertTrue(slowestAction > 2_000, "the rule was not slow: the slowest action took " + slowestAction + " ms");
            assertTrue(slowestRead < 2_000, "a plain read took " + slowestRead + " ms while rules ran");
        } finally {
            pool.shutdownNow();
        }
    }
}
