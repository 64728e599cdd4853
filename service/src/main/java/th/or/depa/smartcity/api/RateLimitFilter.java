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
 * At most N submissions and evaluations per caller in any 60 seconds (a sliding window of the caller's last N
 * request times); past it 429 with Retry-After. Runs after authentication, so 401 and 403 come first. Off when N is 0.
 */
@Priority(Priorities.AUTHORIZATION + 100)
public final class RateLimitFilter implements ContainerRequestFilter {

    /** Puts the filter on the resource methods marked {@link RateLimited}. */
    public record Binding(RateLimitFilter filter) implements jakarta.ws.rs.container.DynamicFeature {
        @Override
        public void configure(jakarta.ws.rs.container.ResourceInfo info, jakarta.ws.rs.core.FeatureContext context) {
            if (info.getResourceMethod().isAnnotationPresent(RateLimited.class)) {
                context.register(filter, Priorities.AUTHORIZATION + 100);
            }
        }
    }

    private final int perMinute;
    private final Clock clock;
    private final ConcurrentHashMap<String, java.util.ArrayDeque<Long>> recent = new ConcurrentHashMap<>();

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
        long[] retryAfter = {0};
        recent.compute(user.id(), (k, times) -> {
            java.util.ArrayDeque<Long> t = times == null ? new java.util.ArrayDeque<>() : times;
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
        if (retryAfter[0] > 0) {
            request.abortWith(Response.status(429).header("Retry-After", retryAfter[0])
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorBody(429, "more than " + perMinute + " submissions and evaluations a minute; retry in "
                            + retryAfter[0] + " s", List.of(), null)).build());
        }
    }
}
