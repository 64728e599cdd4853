package th.or.depa.smartcity.api;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.lang.reflect.Parameter;
import java.util.Arrays;

/**
 * A JSON endpoint (a resource method that reads its body as an InputStream) refuses a body sent as anything but
 * application/json (text/plain, XML, a form, no Content-Type) with 415: the resources declare a wildcard so that
 * they can read any body strictly, and would otherwise parse a form as JSON. Runs after authentication and
 * authorisation, so 401 and 403 still come first.
 */
public final class JsonOnly implements DynamicFeature {

    /** Refuses the request unless its Content-Type is application/json (any parameters, such as a charset). */
    static final class Filter implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            MediaType type = request.getMediaType();
            if (type == null || !"application".equalsIgnoreCase(type.getType())
                    || !"json".equalsIgnoreCase(type.getSubtype())) {
                throw new ApiException(415, "the body must be JSON, sent with Content-Type: application/json");
            }
        }
    }

    @Override
    public void configure(ResourceInfo info, FeatureContext context) {
        if (Arrays.stream(info.getResourceMethod().getParameters()).anyMatch(JsonOnly::isBody)) {
            context.register(new Filter(), Priorities.AUTHORIZATION + 50);
        }
    }

    /** The entity parameter: an InputStream without a JAX-RS or auth annotation. */
    private static boolean isBody(Parameter p) {
        return p.getType() == InputStream.class && p.getAnnotations().length == 0;
    }
}
