package th.or.depa.smartcity.notification;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** When to try again: first * 2^(attempt-1), at most max, with up to a fifth of jitter so receivers are not stampeded. */
public record Backoff(Duration first, Duration max, Duration giveUpAfter) {

    public Duration after(int attempts) {
        long base = first.toMillis() << Math.min(Math.max(attempts - 1, 0), 30);
        long capped = Math.min(base <= 0 ? max.toMillis() : base, max.toMillis());
        return Duration.ofMillis(capped + ThreadLocalRandom.current().nextLong(capped / 5 + 1));
    }
}
