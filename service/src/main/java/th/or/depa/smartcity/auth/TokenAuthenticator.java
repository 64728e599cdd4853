package th.or.depa.smartcity.auth;

import io.dropwizard.auth.Authenticator;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.store.UserDao;

/** Looks the token's hash up on every request (no cache), so a new token works and a revoked one fails at once. */
public final class TokenAuthenticator implements Authenticator<String, User> {

    private final UserDao users;

    public TokenAuthenticator(Jdbi jdbi) {
        this.users = jdbi.onDemand(UserDao.class);
    }

    @Override
    public Optional<User> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        return users.findByTokenHash(Tokens.hash(token.strip()))
                .map(u -> new User(u.id(), u.name(), Role.valueOf(u.role()), u.organisation(), u.body(), u.chair()));
    }
}
