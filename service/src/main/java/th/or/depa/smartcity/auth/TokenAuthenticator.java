package th.or.depa.smartcity.auth;

import io.dropwizard.auth.Authenticator;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import th.or.depa.smartcity.store.UserDao;
import th.or.depa.smartcity.store.UserRow;

/** Looks the token's hash up on every request (no cache), so a new token works and a revoked one fails at once. */
public final class TokenAuthenticator implements Authenticator<String, User> {

    private static final RowMapper<UserRow> USER = ConstructorMapper.of(UserRow.class);

    private final Jdbi jdbi;

    public TokenAuthenticator(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<User> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        String hash = Tokens.hash(token.strip());
        // every request runs this: a plain query, since attaching a SqlObject per call costs ~5 % of a request
        return jdbi.withHandle(h -> h.createQuery(UserDao.BY_TOKEN_HASH).bind("hash", hash).map(USER).findOne())
                .map(u -> new User(u.id(), u.name(), Role.valueOf(u.role()), u.organisation(), u.body(), u.chair()));
    }
}
