package th.or.depa.smartcity.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.plan.ErrorWords;

/**
 * The submission rate (SubmissionRate) on the API's submissions and evaluations: past it 429 with Retry-After.
 * Runs after authentication, so 401 and 403 come first. Off when the rate is 0.
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

    private final SubmissionRate rate;

    public RateLimitFilter(SubmissionRate rate) {
        this.rate = rate;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext().getUserPrincipal() instanceof User user)) {
            return;
        }
        long retryAfter = rate.admit(user.id());
        if (retryAfter > 0) {
            var reason = ErrorWords.of("rate.limited", rate.perMinute(), retryAfter);
            request.abortWith(Response.status(429).header("Retry-After", retryAfter)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorBody(429, reason.en(), reason, List.of(), List.of())).build());
        }
    }
}
