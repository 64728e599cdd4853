package th.or.depa.smartcity.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.auth.User;

/**
 * RATE_LIMIT_PER_MINUTE caps submissions and evaluations per token in any 60 s. The filter's arithmetic is tested
 * here on a clock the test moves; .ci/smoke checks the running jar answers 429 with Retry-After.
 */
class RateLimitTest {

    /** The filter alone, on a clock the test moves: exactly N in any 60 s. */
    @Test
    void theWindowSlides() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T10:00:30Z"));
        Clock clock = new Clock() {
            public ZoneOffset getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId z) { return this; }
            public Instant instant() { return now.get(); }
        };
        RateLimitFilter filter = new RateLimitFilter(new SubmissionRate(2, clock));
        User user = new User("u1", "u", Role.CITY, "o", null, false);
        assertNull(call(filter, user));
        now.set(now.get().plusSeconds(40));
        assertNull(call(filter, user));
        Response third = call(filter, user);
        assertEquals(429, third.getStatus());
        assertEquals("20", third.getHeaderString("Retry-After"));
        now.set(now.get().plusSeconds(21)); // the first request left the window
        assertNull(call(filter, user));
    }

    static Response call(RateLimitFilter filter, User user) {
        AtomicReference<Response> aborted = new AtomicReference<>();
        SecurityContext security = (SecurityContext) Proxy.newProxyInstance(RateLimitTest.class.getClassLoader(),
                new Class<?>[] {SecurityContext.class}, (p, m, a) -> m.getName().equals("getUserPrincipal") ? user : null);
        ContainerRequestContext request = (ContainerRequestContext) Proxy.newProxyInstance(
                RateLimitTest.class.getClassLoader(), new Class<?>[] {ContainerRequestContext.class}, (p, m, a) -> {
                    if (m.getName().equals("getSecurityContext")) {
                        return security;
                    }
                    if (m.getName().equals("abortWith")) {
                        aborted.set((Response) a[0]);
                    }
                    return null;
                });
        filter.filter(request);
        return aborted.get();
    }
}
