package th.or.depa.smartcity.support;

import java.util.concurrent.TimeUnit;

/** Waits for a condition by asking it again every 100 ms, failing with what was awaited when it does not come. */
public final class Poll {

    /** A condition that may fail to ask (an I/O error counts as not yet). */
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Poll() {
    }

    /** Returns the seconds it took. */
    public static double until(String what, long timeoutSeconds, Condition condition) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            try {
                if (condition.holds()) {
                    return (System.nanoTime() - start) / 1e9;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception notYet) {
                // asked again below
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeoutSeconds + " s for " + what);
            }
            Thread.sleep(100);
        }
    }
}
