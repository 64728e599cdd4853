package th.or.depa.smartcity.warmup;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs example plans through the service's own code for a bounded time after start, so that the JIT has compiled
 * the hot paths (and Drools its constraints) before the "warmup" health check lets traffic in: on 2 cores a cold
 * service otherwise serves at a quarter of its rate for minutes (bench/README.md, Warm start). Nothing is stored.
 * A run that throws ends the warm-up early; the service then reports its real state without it.
 */
public final class Warmup implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

    /** One plan through the path a request takes (reading, the rules in force, the JSON answer). */
    @FunctionalInterface
    public interface Run {
        void run(byte[] plan) throws Exception;

        /** This run, then the other, for each plan. */
        default Run andThen(Run next) {
            return plan -> {
                run(plan);
                next.run(plan);
            };
        }
    }

    public enum Phase { OFF, RUNNING, DONE, FAILED }

    /** Where the warm-up stands: plans run so far, since when, and why it stopped early (FAILED). */
    public record State(Phase phase, long runs, long millis, String failure) {
    }

    private final List<byte[]> plans;
    private final Run run;
    private final Duration duration;
    private final int threads;
    private final AtomicLong runs = new AtomicLong();
    private final AtomicReference<State> state = new AtomicReference<>();
    private volatile boolean stopped;
    private volatile long startedNanos;
    private Thread driver;

    public Warmup(List<byte[]> plans, Run run, Duration duration, int threads) {
        this.plans = List.copyOf(plans);
        this.run = run;
        this.duration = duration;
        this.threads = Math.max(1, threads);
        boolean off = duration.isZero() || duration.isNegative() || plans.isEmpty();
        state.set(new State(off ? Phase.OFF : Phase.RUNNING, 0, 0, null));
    }

    public State state() {
        State s = state.get();
        return s.phase() == Phase.RUNNING ? new State(Phase.RUNNING, runs.get(), elapsedMillis(), null) : s;
    }

    public Duration duration() {
        return duration;
    }

    @Override
    public void start() {
        if (state.get().phase() != Phase.RUNNING) {
            return;
        }
        startedNanos = System.nanoTime();
        driver = new Thread(this::runAll, "warmup");
        driver.setDaemon(true);
        driver.start();
    }

    @Override
    public void stop() throws InterruptedException {
        stopped = true;
        if (driver != null) {
            driver.join(duration.toMillis() + 5_000);
        }
    }

    private void runAll() {
        long deadline = startedNanos + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "warmup-run");
            t.setDaemon(true);
            return t;
        });
        String failure = null;
        String curve = "";
        try {
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int first = i; // each thread starts at another plan, so every plan is warm early
                loops.add(pool.submit(() -> loop(first, deadline)));
            }
            // plans judged each second: where the rate levels off is where the code is compiled (bench/README.md)
            List<Long> perSecond = new ArrayList<>();
            for (long counted = 0, next = System.nanoTime() + 1_000_000_000L;
                 !loops.stream().allMatch(Future::isDone); ) {
                Thread.sleep(50);
                if (System.nanoTime() >= next) {
                    long now = runs.get();
                    perSecond.add(now - counted);
                    counted = now;
                    next += 1_000_000_000L;
                }
            }
            curve = perSecond.toString();
            for (Future<?> f : loops) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (failure == null) {
                        failure = String.valueOf(e.getCause());
                        LOG.warn("warm-up stopped after {} plans; the service serves without it", runs.get(),
                                e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        } finally {
            pool.shutdownNow();
        }
        state.set(new State(failure == null ? Phase.DONE : Phase.FAILED, runs.get(), elapsedMillis(), failure));
        if (failure == null) {
            LOG.info("warmed up: {} plans judged in {} ms on {} threads; per second: {}", runs.get(), elapsedMillis(),
                    threads, curve);
        }
    }

    private Void loop(int first, long deadline) throws Exception {
        for (int i = first; !stopped && System.nanoTime() < deadline; i++) {
            try {
                run.run(plans.get(i % plans.size()));
            } catch (Exception | Error e) {
                stopped = true; // the other threads end too
                throw e;
            }
            runs.incrementAndGet();
        }
        return null;
    }

    private long elapsedMillis() {
        return startedNanos == 0 ? 0 : (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
