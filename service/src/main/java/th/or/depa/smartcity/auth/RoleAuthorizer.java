package th.or.depa.smartcity.auth;

import io.dropwizard.auth.Authorizer;
import jakarta.ws.rs.container.ContainerRequestContext;

/** @RolesAllowed names roles; a user has exactly one. */
public final class RoleAuthorizer implements Authorizer<User> {
    @Override
    public boolean authorize(User user, String role, ContainerRequestContext context) {
        return user.role().name().equals(role);
    }
}
