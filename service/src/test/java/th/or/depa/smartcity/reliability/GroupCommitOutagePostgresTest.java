package th.or.depa.smartcity.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import th.or.depa.smartcity.SmartCityApplication;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.store.SubmissionBatches;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.Http;
import th.or.depa.smartcity.support.PlanVariants;
import th.or.depa.smartcity.support.Poll;
import th.or.depa.smartcity.support.PrivatePostgres;
import th.or.depa.smartcity.support.TestApps;

/**
 * PostgreSQL stopped in the middle of a batch (issue 18): after the batch's statements and before its commit (the
 * batches' observer seam) the server is stopped. Every submission of that batch is answered 503, never 201 or 500;
 * none of its plans, evaluations, events, notifications or keys exist after the restart; the service takes
 * submissions again, and the same keys sent again store each plan once. A private cluster (port property
 * gcfaulttest.port, 55434 by default) as in DatabaseOutagePostgresTest; config.yml's pool and timeouts, one writer.
 */
class GroupCommitOutagePostgresTest {

    @RegisterExtension
    @Order(1)
    static final PrivatePostgres PG = new PrivatePostgres("gcfaulttest", Integer.getInteger("gcfaulttest.port", 55434),
            "smartcity_gc_outage");

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<SmartCityConfiguration> APP = TestApps.shippedOn(PG, "gc-outage",
            ConfigOverride.config("submissions.writers", "1"));

    static final int BATCH = 5;

    final Api api = new Api(APP);
    final Http http = Http.local(APP.getLocalPort());

    @Test
    void everySubmissionOfABatchCutBeforeItsCommitIs503AndNothingOfItIsStored() throws Exception {
        SubmissionBatches batches = ((SmartCityApplication) APP.getApplication()).submissionBatches();
        String city = api.city("gc-outage");
        String run = "x" + UUID.randomUUID().toString().substring(0, 8);
        PlanVariants plans = new PlanVariants();
        AtomicInteger seen = new AtomicInteger();
        CountDownLatch cut = new CountDownLatch(1);
        List<String> cutIds = new ArrayList<>();
        // batch 1 (plan 0) waits before its commit until plans 1..BATCH queued behind it, then commits; batch 2 (all
        // of them) has its server stopped before its commit
        batches.observe(batch -> {
            int n = seen.incrementAndGet();
            try {
                if (n == 1) {
                    Poll.until("the next batch queued", 60, () -> batches.queued() >= BATCH);
                } else if (n == 2) {
                    batch.forEach(r -> cutIds.add(r.plan().id()));
                    PG.stop();
                    cut.countDown();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(BATCH + 1);
        Map<Integer, Http.Answer> answers = new ConcurrentHashMap<>();
        try {
            List<Future<?>> sent = new ArrayList<>();
            sent.add(pool.submit(() -> answers.put(0, http.post("/api/plans", city, run + "-0", plans.plan(run, 0)))));
            Poll.until("plan 0 in the writer", 60, () -> seen.get() == 1);
            for (int i = 1; i <= BATCH; i++) {
                int n = i;
                sent.add(pool.submit(() -> answers.put(n, http.post("/api/plans", city, run + "-" + n,
                        plans.plan(run, n)))));
            }
            for (Future<?> f : sent) {
                f.get(120, TimeUnit.SECONDS);
            }
            assertTrue(cut.await(1, TimeUnit.SECONDS), "the server was never stopped in a batch");
        } finally {
            batches.observe(null);
            pool.shutdownNow();
            PG.start();
        }

        assertEquals(BATCH, cutIds.size(), "the second batch held every other submission");
        assertEquals(201, answers.get(0).status(), answers.get(0).raw());
        for (int n = 1; n <= BATCH; n++) {
            Http.Answer a = answers.get(n);
            assertEquals(503, a.status(), a.raw());
            assertEquals(503, a.body().get("code").asInt(), a.raw());
        }
        String plan0 = answers.get(0).body().get("plan").get("id").asText();
        Poll.until("submissions taken again after the restart", 60, () -> http.post("/api/plans", city, null,
                Api.example("phuket-livable-pass")).status() == 201);
        for (String table : List.of("plans WHERE id", "evaluations WHERE plan_id", "plan_revisions WHERE plan_id",
                "events WHERE plan_id", "notifications WHERE plan_id")) {
            assertEquals(0L, rows(table, cutIds), table + ": something of the cut batch was stored");
            assertTrue(rows(table, List.of(plan0)) > 0, table + ": the check sees what the first batch stored");
        }
        assertEquals(1L, StoredPlans.count(api.jdbi(), "SELECT COUNT(*) FROM idempotency_keys WHERE idem_key LIKE ?",
                run + "-%"), "only plan 0's key was stored");

        // the clients retry with their keys: each plan stored once, each record verifying
        for (int n = 1; n <= BATCH; n++) {
            Http.Answer again = http.post("/api/plans", city, run + "-" + n, plans.plan(run, n));
            assertEquals(201, again.status(), again.raw());
        }
        assertEquals(BATCH + 1L, StoredPlans.count(api.jdbi(), "SELECT COUNT(*) FROM plans WHERE reference LIKE ?",
                PlanVariants.referenceLike(run)));
        assertEquals(List.of(), StoredPlans.brokenRecords(api.jdbi(), api.recordKey(), PlanVariants.referenceLike(run)));
    }

    long rows(String tableWhere, List<String> ids) {
        return api.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + tableWhere + " IN (<ids>)")
                .bindList("ids", ids).mapTo(Long.class).one());
    }
}
