package th.or.depa.smartcity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The web view's small parts: sessions expire after eight hours; the splice works whatever the write sizes. */
class WebViewPartsTest {

    @Test
    void sessionsExpireAfterEightHoursAndCloseOnSignOut() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
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
                return now.get();
            }
        };
        Sessions sessions = new Sessions(clock);
        String a = sessions.open("u1", "h1");
        String b = sessions.open("u2", "h2");
        assertNotEquals(a, b);
        assertTrue(a.length() >= 43, "256 random bits");
        assertEquals("u1", sessions.find(a).orElseThrow().userId());
        sessions.close(b);
        assertTrue(sessions.find(b).isEmpty());
        now.set(now.get().plus(Duration.ofHours(8)).minusSeconds(1));
        assertTrue(sessions.find(a).isPresent());
        now.set(now.get().plusSeconds(1));
        assertTrue(sessions.find(a).isEmpty());
        assertEquals(0, sessions.size());
        assertTrue(sessions.find(null).isEmpty());
    }
}
