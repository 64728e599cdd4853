package th.or.depa.smartcity.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Only the Authorization header authenticates. Dropwizard's OAuthCredentialAuthFilter also reads ?access_token=,
 * and a token in a URL ends up in browser histories, proxies and logs; so any request whose query names
 * access_token is 401, on every route and even with a valid header, before it is matched or authenticated.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class QueryTokenRefusal implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        boolean named = request.getUriInfo().getQueryParameters().keySet().stream()
                .anyMatch(name -> name.strip().equalsIgnoreCase("access_token"));
        if (named) {
            request.abortWith(Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"smartcity\"")
                    .entity(new ErrorBody(401, "a token in the URL is refused: send it as Authorization: Bearer",
                            List.of(), null)).build());
        }
    }
}
