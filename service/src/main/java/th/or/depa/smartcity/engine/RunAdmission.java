package th.or.depa.smartcity.engine;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many rule runs may work at once in this JVM. On two cores, 64 requests judging plans at once leave the JIT's
 * compiler threads a tenth of a core, so a fresh service takes minutes to compile its hot code (bench/README.md,
 * Warm start); with a few runs admitted at a time the others wait their turn in line (first come, first served) and
 * the compilers get their share. It also bounds the memory all runs can hold together, as each run's is bounded.
 * JVM-wide, as the runs' threads and the cores are.
 */
public final class RunAdmission {

    private static volatile Semaphore permits;
    private static volatile int atOnce;

    private RunAdmission() {
    }

    /** Admits at most n runs at once; 0 or less: twice the processors. Set at start, before any run. */
    public static void atOnce(int n) {
        int size = n > 0 ? n : 2 * Runtime.getRuntime().availableProcessors();
        atOnce = size;
        permits = new Semaphore(size, true);
    }

    /** The runs admitted at once; 0 while no limit has been set (every run starts at once). */
    public static int limit() {
        return atOnce;
    }

    /** A permit to run, waiting at most the run's own time limit; the caller closes it when the run is over. */
    static Permit enter(Duration wait) {
        Semaphore s = permits;
        if (s == null) {
            return () -> { };
        }
        try {
            if (!s.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new RuleRunsBusy(atOnce);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuleRunLimitExceeded("the rule run was interrupted");
        }
        return s::release;
    }

    /** Held while a run works; closing it lets the next one in. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
