package th.or.depa.smartcity.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rule runs admitted a few at a time: never more at once, a wait bounded by the run's time, not charged to it. */
class RunAdmissionTest {

    static final RunLimits SECONDS = new RunLimits(10, Duration.ofSeconds(5), 256L * 1024 * 1024);

    @AfterEach
    void asTheServiceSetsIt() {
        RunAdmission.atOnce(0);
    }

    @Test
    void noMoreRunsWorkAtOnceThanAdmittedHoweverManyAsk() throws Exception {
        RunAdmission.atOnce(2);
        AtomicInteger working = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                int n = i;
                runs.add(callers.submit(() -> RunGuard.run(SECONDS, () -> {
                    most.accumulateAndGet(working.incrementAndGet(), Math::max);
                    Thread.sleep(5);
                    working.decrementAndGet();
                    return n;
                })));
            }
            for (int i = 0; i < runs.size(); i++) {
                assertEquals(i, runs.get(i).get(30, TimeUnit.SECONDS)); // every run got its turn and its own answer
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(2, most.get(), "16 callers at once, 2 admitted: 2 ran together, never more");
    }

    @Test
    void aRunThatCannotGetATurnWithinItsTimeIsRefusedAsBusyAndTheNextOneRunsOnceATurnIsFree() throws Exception {
        RunAdmission.atOnce(1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<String> held = first.submit(() -> RunGuard.run(SECONDS, () -> {
                holding.countDown();
                release.await();
                return "first";
            }));
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            RunLimits short_ = new RunLimits(10, Duration.ofMillis(300), 256L * 1024 * 1024);
            long start = System.nanoTime();
            RuleRunsBusy busy = assertThrows(RuleRunsBusy.class, () -> RunGuard.run(short_, () -> "second"));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(1, busy.atOnce());
            assertTrue(waited >= 250, "it waited its run's time for a turn, " + waited + " ms");
            release.countDown();
            assertEquals("first", held.get(10, TimeUnit.SECONDS));
            assertEquals("third", RunGuard.run(short_, () -> "third"), "the permit came back");
        } finally {
            release.countDown();
            first.shutdownNow();
        }
    }

    @Test
    void theWaitForATurnIsNotChargedToTheRunsOwnTime() throws Exception {
        RunAdmission.atOnce(1);
        RunLimits limits = new RunLimits(10, Duration.ofMillis(700), 256L * 1024 * 1024);
        CountDownLatch started = new CountDownLatch(1);
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<String> before = first.submit(() -> RunGuard.run(limits, () -> {
                started.countDown();
                Thread.sleep(400);
                return "before";
            }));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            // waits ~400 ms for its turn, then runs 400 ms: 800 ms in all, over 700, but each run is within it
            assertEquals("after", RunGuard.run(limits, () -> {
                Thread.sleep(400);
                return "after";
            }));
            assertEquals("before", before.get(10, TimeUnit.SECONDS));
        } finally {
            first.shutdownNow();
        }
    }

    @Test
    void aRunStoppedForItsTimeGivesItsTurnBack() {
        RunAdmission.atOnce(1);
        RunLimits limits = new RunLimits(10, Duration.ofMillis(200), 256L * 1024 * 1024);
        assertThrows(RuleRunLimitExceeded.class, () -> RunGuard.run(limits, () -> {
            while (true) {
                Thread.onSpinWait(); // ignores interrupts, as hostile rule code would
            }
        }));
        assertEquals("next", RunGuard.run(limits, () -> "next"));
    }
}
