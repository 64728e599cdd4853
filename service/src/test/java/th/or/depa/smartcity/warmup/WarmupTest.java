package th.or.depa.smartcity.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.health.HealthCheck;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.Poll;

/** The warm-up's life as its health check tells it: unhealthy while it runs, healthy once done, failed or off. */
class WarmupTest {

    private static final List<byte[]> PLANS = List.of(new byte[] {1}, new byte[] {2});

    @Test
    void theHealthCheckIsUnhealthyWhileTheWarmupRunsAndHealthyOnceItsTimeIsUp() throws Exception {
        CountDownLatch checked = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        Warmup warmup = new Warmup(PLANS, plan -> {
            checked.await(); // the first run waits until the test has seen the check unhealthy
            runs.incrementAndGet();
        }, Duration.ofMillis(300), 1);
        WarmupHealthCheck health = new WarmupHealthCheck(warmup);
        warmup.start();

        HealthCheck.Result during = health.execute();
        assertFalse(during.isHealthy(), during.getMessage());
        assertTrue(during.getMessage().startsWith("warming up"), during.getMessage());
        checked.countDown();

        Poll.until("the warm-up to end", 10, () -> health.execute().isHealthy());
        HealthCheck.Result after = health.execute();
        assertEquals(Warmup.Phase.DONE, warmup.state().phase());
        assertTrue(runs.get() > 1, "ran the plans more than once: " + runs.get());
        assertEquals("warmed up: " + runs.get() + " plans judged in " + warmup.state().millis() + " ms",
                after.getMessage());
        warmup.stop();
    }

    @Test
    void aWarmupWhoseRulesThrowStopsAtOnceAndLeavesTheServiceReportingItsRealState() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Warmup warmup = new Warmup(PLANS, plan -> {
            if (runs.incrementAndGet() == 3) {
                throw new IllegalStateException("a rule threw");
            }
        }, Duration.ofMinutes(10), 1);
        WarmupHealthCheck health = new WarmupHealthCheck(warmup);
        warmup.start();

        double seconds = Poll.until("the failed warm-up to report healthy", 10, () -> health.execute().isHealthy());
        assertTrue(seconds < 10, "it does not wait out its ten minutes");
        assertEquals(Warmup.Phase.FAILED, warmup.state().phase());
        String message = health.execute().getMessage();
        assertTrue(message.startsWith("warm-up stopped after 2 plans") && message.contains("a rule threw"), message);
        warmup.stop();
    }

    @Test
    void aDurationOfZeroIsOffAndHealthyWithoutRunningAnything() throws Exception {
        Warmup warmup = new Warmup(PLANS, plan -> {
            throw new AssertionError("ran");
        }, Duration.ZERO, 1);
        warmup.start();
        assertEquals(Warmup.Phase.OFF, warmup.state().phase());
        assertTrue(new WarmupHealthCheck(warmup).execute().isHealthy());
        warmup.stop();
    }

    @Test
    void theBuildBundlesEveryExamplePlanOfTheRepository() throws Exception {
        long inRepository;
        try (Stream<java.nio.file.Path> files = Files.list(Api.EXAMPLES)) {
            inRepository = files.filter(f -> f.getFileName().toString().endsWith(".plan.json")).count();
        }
        assertTrue(inRepository > 0);
        assertEquals(inRepository, ExamplePlans.bundled().size());
    }
}
