package th.or.depa.smartcity.engine;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs rule code on a thread of its own and ends it when it spends more time or memory than it may. Rule code that
 * spins ({@code for(;;){}}) ignores interrupts, so the thread is stopped ({@link Thread#stop}, still working on
 * Java 17): the run's session is thrown away with it, and the KieBase keeps no per-run state. Firings are counted by
 * the run itself ({@link RuleBase}).
 */
final class RunGuard {

    private static final long POLL_MILLIS = 20;
    private static final AtomicLong THREADS = new AtomicLong();
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final ExecutorService RUNNERS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "rule-run-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private RunGuard() {
    }

    static <T> T run(RunLimits limits, Callable<T> body) {
        // waiting for a turn is not part of the run's time: the run's clock starts once it is admitted
        try (RunAdmission.Permit turn = RunAdmission.enter(limits.timeout())) {
            return guarded(limits, body);
        }
    }

    private static <T> T guarded(RunLimits limits, Callable<T> body) {
        AtomicReference<Thread> runner = new AtomicReference<>();
        long[] allocatedAtStart = {-1};
        Future<T> future = RUNNERS.submit(() -> {
            Thread me = Thread.currentThread();
            allocatedAtStart[0] = MX.getThreadAllocatedBytes(me.getId());
            runner.set(me);
            try {
                return body.call();
            } finally {
                runner.set(null);
            }
        });
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        while (true) {
            try {
                return future.get(Math.min(POLL_MILLIS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
                        TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                Thread t = runner.get();
                if (System.nanoTime() >= deadline) {
                    List<String> running = running(t);
                    stop(future, t);
                    throw new RuleRunLimitExceeded("the rules ran longer than " + limits.timeout().toMillis()
                            + " ms (rules.runTimeout)", running);
                }
                if (t != null && allocatedAtStart[0] >= 0
                        && MX.getThreadAllocatedBytes(t.getId()) - allocatedAtStart[0] > limits.maxAllocatedBytes()) {
                    List<String> running = running(t);
                    stop(future, t);
                    throw new RuleRunLimitExceeded("the rules allocated more than " + limits.maxAllocatedBytes()
                            / (1024 * 1024) + " MiB in one run (rules.maxAllocation)", running);
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuleRunLimitExceeded limit) {
                    throw limit;
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                // OutOfMemoryError, StackOverflowError from rule code: this run is over, the service is not
                throw new RuleRunLimitExceeded("the rules failed: " + cause);
            } catch (InterruptedException e) {
                stop(future, runner.get());
                Thread.currentThread().interrupt();
                throw new RuleRunLimitExceeded("the rule run was interrupted");
            }
        }
    }

    /** The classes on the thread's stack, innermost first (none when it already ended). */
    private static List<String> running(Thread t) {
        if (t == null) {
            return List.of();
        }
        return Arrays.stream(t.getStackTrace()).map(StackTraceElement::getClassName).distinct().toList();
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Future<?> future, Thread t) {
        future.cancel(true);
        if (t != null) {
            try {
                t.stop();
            } catch (UnsupportedOperationException notOnThisJava) {
                // Java 20+: the thread keeps its core until the code returns; the caller is answered anyway
            }
        }
    }
}
