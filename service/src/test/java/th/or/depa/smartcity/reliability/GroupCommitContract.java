package th.or.depa.smartcity.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.SmartCityApplication;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.store.SubmissionBatches;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.Http;
import th.or.depa.smartcity.support.PlanVariants;
import th.or.depa.smartcity.support.Poll;

/**
 * Group commit (issue 18, store/SubmissionBatches), per database: concurrent submissions are written in batches, and
 * each client still gets its own true answer, every acknowledged plan stored once with a record that verifies. One
 * writer thread here (SETTINGS), so that a test can hold it and know what the next batch holds.
 */
abstract class GroupCommitContract {

    static final ConfigOverride[] SETTINGS = {ConfigOverride.config("submissions.writers", "1"),
        ConfigOverride.config("submissions.batchMax", "64")};

    abstract DropwizardAppExtension<SmartCityConfiguration> app();

    Api api() {
        return new Api(app());
    }

    Http http() {
        return Http.local(app().getLocalPort());
    }

    SubmissionBatches batches() {
        return ((SmartCityApplication) app().getApplication()).submissionBatches();
    }

    @AfterEach
    void noObserver() {
        batches().observe(null);
    }

    @Test
    void twoHundredConcurrentSubmissionsSomeSharingKeysAreEachStoredOnceAndWrittenInBatches() throws Exception {
        List<String> cities = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            cities.add(api().city("gc-city-" + i));
        }
        String run = "g" + UUID.randomUUID().toString().substring(0, 8);
        // every 5th plan sent twice at once with one key, every 10th sent again after its 201
        SubmissionLoad load = new SubmissionLoad(http(), cities, run, 10, 5);
        long batchesBefore = batches().batches();
        // the first batch is held a second before its commit, so that the other clients' submissions queue meanwhile
        // whatever the machine's speed (on a fast one each could otherwise be written before the next arrives)
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        batches().observe(batch -> {
            if (first.getAndSet(false)) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });

        load.submitAll(200, 32, 180);

        System.out.printf("group commit on %s: %d batches committed, the largest %d, %d written one by one; %s%n",
                getClass().getSimpleName(), batches().batches() - batchesBefore, batches().largestBatch(),
                batches().writtenOneByOne(), load.summary());
        assertEquals(List.of(), load.problems());
        assertEquals(200, load.acknowledged());
        assertTrue(load.replays() > 0);
        StoredPlans.assertEachStoredOnce(api().jdbi(), api().recordKey(), http(), run, load.acks());
        assertTrue(batches().largestBatch() > 1, "no batch of more than one submission formed");
        assertTrue(batches().batches() - batchesBefore < 200, "as many commits as submissions: no grouping");
    }

    @Test
    void twoRetriesWithOneKeyInOneBatchBothGetTheFirstAnswerAndTheBatchStillCommitsAsOne() throws Exception {
        String city = api().city("gc-twins");
        String run = "t" + UUID.randomUUID().toString().substring(0, 8);
        PlanVariants plans = new PlanVariants();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        // the writer holds its first batch (plan 0) before the commit, so that both twins queue behind it
        batches().observe(batch -> {
            if (first.compareAndSet(true, false)) {
                holding.countDown();
                await(release);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<Http.Answer> held = pool.submit(() -> http().post("/api/plans", city, run + "-0", plans.plan(run, 0)));
            assertTrue(holding.await(60, TimeUnit.SECONDS), "the first batch never reached its commit");
            Future<Http.Answer> twin1 = pool.submit(() -> http().post("/api/plans", city, run + "-1", plans.plan(run, 1)));
            Future<Http.Answer> twin2 = pool.submit(() -> http().post("/api/plans", city, run + "-1", plans.plan(run, 1)));
            Future<Http.Answer> other = pool.submit(() -> http().post("/api/plans", city, run + "-2", plans.plan(run, 2)));
            Poll.until("both twins and another plan queued behind the held batch", 60, () -> batches().queued() >= 3);
            long oneByOne = batches().writtenOneByOne();
            release.countDown();

            Http.Answer a = held.get(60, TimeUnit.SECONDS);
            Http.Answer b1 = twin1.get(60, TimeUnit.SECONDS);
            Http.Answer b2 = twin2.get(60, TimeUnit.SECONDS);
            Http.Answer c = other.get(60, TimeUnit.SECONDS);
            assertEquals(201, c.status(), c.raw());
            assertEquals(201, a.status(), a.raw());
            assertEquals(201, b1.status(), b1.raw());
            assertEquals(201, b2.status(), b2.raw());
            assertEquals(b1.raw(), b2.raw(), "the twin that lost the race answers as the first did");
            assertEquals(oneByOne, batches().writtenOneByOne(), "the twin waited out the batch: nothing refused");
            assertTrue(batches().largestBatch() >= 2, "one twin and the other plan committed together");
            assertEquals(1L, StoredPlans.count(api().jdbi(), "SELECT COUNT(*) FROM plans WHERE reference = ?",
                    PlanVariants.reference(run, 1)), "the twins stored one plan");
            String id = b1.body().get("plan").get("id").asText();
            assertEquals(List.of(), StoredPlans.brokenRecords(api().jdbi(), api().recordKey(),
                    PlanVariants.referenceLike(run)));
            assertTrue(StoredPlans.count(api().jdbi(), "SELECT COUNT(*) FROM notifications WHERE plan_id = ?", id) > 0,
                    "the twin's notifications were written with it");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
