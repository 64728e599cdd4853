package th.or.depa.smartcity.plan;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Read, judge, write: rules run between a short read and a short write, never while a connection or transaction is
 * held. A write that finds the plan changed since its read gives up (empty), and the whole step runs again on
 * fresh data, a bounded number of times; then 409 as for any concurrent change.
 */
public final class OptimisticWrite {

    /** Enough for a committee's votes racing a close on one plan; a request that loses more often gets 409. */
    public static final int ATTEMPTS = 5;

    private OptimisticWrite() {
    }

    public static <T> T run(Supplier<Optional<T>> attempt) {
        for (int i = 0; i < ATTEMPTS; i++) {
            Optional<T> done = attempt.get();
            if (done.isPresent()) {
                return done.get();
            }
        }
        throw new ConcurrentChange();
    }
}
