package th.or.depa.smartcity.web;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins per client address in a sliding minute: past the limit every attempt from that address is refused
 * (429 with Retry-After) until its oldest failure is a minute old, so tokens cannot be guessed at speed. Keyed by the
 * connection's address, never by a header the client writes (X-Forwarded-For).
 */
public final class SignInLimiter {

    public static final int FAILURES_PER_MINUTE = 10;
    private static final long WINDOW_MILLIS = 60_000;
    /** Past this many addresses, the ones with no recent failure are forgotten, so memory stays bounded. */
    private static final int PRUNE_AT = 10_000;

    private final int limit;
    private final Clock clock;
    private final ConcurrentHashMap<String, ArrayDeque<Long>> failures = new ConcurrentHashMap<>();

    public SignInLimiter(Clock clock) {
        this(FAILURES_PER_MINUTE, clock);
    }

    SignInLimiter(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** Seconds this address must wait before it may try again; 0 when it may try now. */
    public long retryAfterSeconds(String address) {
        long now = clock.millis();
        long[] wait = {0};
        failures.computeIfPresent(address, (k, times) -> {
            expire(times, now);
            if (times.size() >= limit) {
                wait[0] = Math.max(1, (times.peekFirst() + WINDOW_MILLIS - now + 999) / 1000);
            }
            return times.isEmpty() ? null : times;
        });
        return wait[0];
    }

    /** Notes a failed attempt from this address. */
    public void failed(String address) {
        long now = clock.millis();
        if (failures.size() > PRUNE_AT) {
            for (String other : failures.keySet()) {
                failures.computeIfPresent(other, (k, times) -> {
                    expire(times, now);
                    return times.isEmpty() ? null : times;
                });
            }
        }
        failures.compute(address, (k, times) -> {
            ArrayDeque<Long> t = times == null ? new ArrayDeque<>() : times;
            expire(t, now);
            t.addLast(now);
            while (t.size() > limit) {
                t.pollFirst(); // only the last `limit` failures decide when the address may try again
            }
            return t;
        });
    }

    private static void expire(ArrayDeque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - WINDOW_MILLIS) {
            times.pollFirst();
        }
    }
}
