package th.or.depa.smartcity.auth;

import io.dropwizard.auth.Authenticator;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import th.or.depa.smartcity.store.UserDao;
import th.or.depa.smartcity.store.UserRow;

/**
 * The user of a bearer token: looked up by the token's hash, or, with a {@link TokenCache}, from memory while the
 * revocation counter says nothing that takes access away has committed since; a new token works at once and a
 * revoked one fails from the next request on.
 */
public final class TokenAuthenticator implements Authenticator<String, User> {

    private static final RowMapper<UserRow> USER = ConstructorMapper.of(UserRow.class);

    private final Jdbi jdbi;
    private final TokenCache cache;

    /** Looks every token up (no cache). */
    public TokenAuthenticator(Jdbi jdbi) {
        this(jdbi, null);
    }

    /** With cache null, looks every token up. */
    public TokenAuthenticator(Jdbi jdbi, TokenCache cache) {
        this.jdbi = jdbi;
        this.cache = cache;
    }

    @Override
    public Optional<User> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        String hash = Tokens.hash(token.strip());
        return cache == null ? lookup(hash) : cache.find(hash, this::lookup);
    }

    private Optional<User> lookup(String hash) {
        // a plain query: attaching a SqlObject per call cost ~5 % of a request
        return jdbi.withHandle(h -> h.createQuery(UserDao.BY_TOKEN_HASH).bind("hash", hash).map(USER).findOne())
                .map(u -> new User(u.id(), u.name(), Role.valueOf(u.role()), u.organisation(), u.body(), u.chair()));
    }
}
