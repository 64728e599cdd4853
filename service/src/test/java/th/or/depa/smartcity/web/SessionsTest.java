package th.or.depa.smartcity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sessions per user, and the failed sign-ins per address, on a clock the test moves. */
class SessionsTest {

    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-11-29T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theSixthSessionOfAUserEndsTheOldestEvenWithinOneInstant() {
        Sessions sessions = new Sessions(new MovingClock());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(sessions.open("u1", "h1"));
        }
        String other = sessions.open("u2", "h2");
        assertFalse(sessions.find(ids.get(0)).isPresent());
        assertFalse(sessions.find(ids.get(1)).isPresent());
        for (String id : ids.subList(2, 7)) {
            assertTrue(sessions.find(id).isPresent());
        }
        assertTrue(sessions.find(other).isPresent());
        assertEquals(Sessions.MAX_PER_USER + 1, sessions.size());
    }

    @Test
    void eachSessionHasItsOwnFormTokenComparedExactly() {
        Sessions sessions = new Sessions(new MovingClock());
        String a = sessions.find(sessions.open("u1", "h")).orElseThrow().csrf();
        String b = sessions.find(sessions.open("u1", "h")).orElseThrow().csrf();
        assertNotEquals(a, b);
        assertTrue(Sessions.sameToken(a, a));
        assertFalse(Sessions.sameToken(a, b));
        assertFalse(Sessions.sameToken(a, null));
        assertFalse(Sessions.sameToken(null, null));
        assertFalse(Sessions.sameToken("", ""), "an empty cookie and an empty field are not a match");
    }

    @Test
    void anAddressPastItsFailuresWaitsUntilTheOldestIsAMinuteOld() {
        MovingClock clock = new MovingClock();
        SignInLimiter limiter = new SignInLimiter(3, clock);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.retryAfterSeconds("127.0.0.2"));
            limiter.failed("127.0.0.2");
            clock.now = clock.now.plusSeconds(10);
        }
        assertEquals(30, limiter.retryAfterSeconds("127.0.0.2"), "the first failure was 30 s ago");
        assertEquals(0, limiter.retryAfterSeconds("127.0.0.3"));
        clock.now = clock.now.plusSeconds(30);
        assertEquals(0, limiter.retryAfterSeconds("127.0.0.2"), "a minute after the first failure, one more try");
        limiter.failed("127.0.0.2");
        assertEquals(10, limiter.retryAfterSeconds("127.0.0.2"));
    }
}
