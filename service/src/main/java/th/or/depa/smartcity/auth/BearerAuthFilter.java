package th.or.depa.smartcity.auth;

import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Dropwizard's OAuthCredentialAuthFilter, told apart: it answers every failure through one UnauthorizedHandler that
 * cannot see why, so a missing token and a refused one looked the same. This one throws {@link Unauthenticated}
 * saying which. Only the Authorization header counts (a token in the query is refused before, QueryTokenRefusal).
 */
@Priority(Priorities.AUTHENTICATION)
public final class BearerAuthFilter extends AuthFilter<String, User> {

    private static final String SCHEME = "Bearer";

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        String token = token(header);
        if (token == null) {
            throw new Unauthenticated(true);
        }
        if (!authenticate(request, token, SecurityContext.BASIC_AUTH)) {
            throw new Unauthenticated(false);
        }
    }

    /** The credentials of a Bearer header ("" when the scheme is there without a token); null without one. */
    static String token(String header) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        if (h.length() < SCHEME.length() || !h.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || (h.length() > SCHEME.length() && !Character.isWhitespace(h.charAt(SCHEME.length())))) {
            return null;
        }
        return h.substring(SCHEME.length()).strip();
    }

    /** Builds the filter like Dropwizard's own builders (authenticator, authorizer, prefix, realm). */
    public static BearerAuthFilter build(TokenAuthenticator authenticator, RoleAuthorizer authorizer) {
        return new AuthFilterBuilder<String, User, BearerAuthFilter>() {
            @Override
            protected BearerAuthFilter newInstance() {
                return new BearerAuthFilter();
            }
        }.setAuthenticator(authenticator).setAuthorizer(authorizer).setPrefix(SCHEME).setRealm("smartcity")
                .buildAuthFilter();
    }
}
