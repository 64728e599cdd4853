package th.or.depa.smartcity.api;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most N submissions and evaluations per user in any 60 seconds (a sliding window of the user's last N times),
 * counted across every way in: the API (RateLimitFilter) and the city's web forms (web/CityPages) share one window,
 * so a city cannot double its rate by switching channel. Off when N is 0.
 */
public final class SubmissionRate {

    private final int perMinute;
    private final Clock clock;
    private final ConcurrentHashMap<String, ArrayDeque<Long>> recent = new ConcurrentHashMap<>();

    public SubmissionRate(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    public int perMinute() {
        return perMinute;
    }

    /** 0 when the user may go on (the request is counted), else the seconds until the window has room again. */
    public long admit(String userId) {
        if (perMinute <= 0) {
            return 0;
        }
        long now = clock.millis();
        long[] retryAfter = {0};
        recent.compute(userId, (k, times) -> {
            ArrayDeque<Long> t = times == null ? new ArrayDeque<>() : times;
            while (!t.isEmpty() && t.peekFirst() <= now - 60_000) {
                t.pollFirst();
            }
            if (t.size() >= perMinute) {
                retryAfter[0] = Math.max(1, (t.peekFirst() + 60_000 - now + 999) / 1000);
            } else {
                t.addLast(now);
            }
            return t;
        });
        return retryAfter[0];
    }
}
