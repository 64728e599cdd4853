package th.or.depa.smartcity.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import th.or.depa.smartcity.auth.User;

/**
 * At most N submissions and evaluations per caller per minute (a fixed one-minute window per user); past it 429
 * with Retry-After. Runs after authentication, so 401 and 403 come first. Off when N is 0.
 */
@RateLimited
@Priority(Priorities.AUTHORIZATION + 100)
public final class RateLimitFilter implements ContainerRequestFilter {

    private record Window(long minute, int count) {
    }

    private final int perMinute;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimitFilter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (perMinute <= 0 || !(request.getSecurityContext().getUserPrincipal() instanceof User user)) {
            return;
        }
        long now = clock.millis();
        long minute = now / 60_000;
        Window w = windows.compute(user.id(), (k, old) ->
                old == null || old.minute() != minute ? new Window(minute, 1) : new Window(minute, old.count() + 1));
        if (windows.size() > 100_000) {
            windows.entrySet().removeIf(e -> e.getValue().minute() != minute); // forget idle callers
        }
        if (w.count() > perMinute) {
            long retryAfter = Math.max(1, ((minute + 1) * 60_000 - now + 999) / 1000);
            request.abortWith(Response.status(429).header("Retry-After", retryAfter)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorBody(429, "more than " + perMinute + " submissions and evaluations a minute; retry in "
                            + retryAfter + " s", List.of(), null)).build());
        }
    }
}
