package th.or.depa.smartcity.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Users and their tokens; read per request so that a new or revoked token counts at once. */
@RegisterConstructorMapper(UserRow.class)
public interface UserDao {

    @SqlUpdate("INSERT INTO users (id, name, role, organisation, body, chair, created_at, active) "
            + "VALUES (:id, :name, :role, :organisation, :body, :chair, :createdAt, :active)")
    void insertUser(@BindMethods UserRow user);

    @SqlUpdate("INSERT INTO tokens (token_hash, user_id, created_at) VALUES (:hash, :userId, :at)")
    void insertToken(@Bind("hash") String tokenHash, @Bind("userId") String userId, @Bind("at") Instant at);

    @Transaction
    default void create(UserRow user, String tokenHash) {
        insertUser(user);
        insertToken(tokenHash, user.id(), user.createdAt());
    }

    /** The active user of an unrevoked token, by the token's hash (:hash). */
    String BY_TOKEN_HASH = "SELECT u.* FROM users u JOIN tokens t ON t.user_id = u.id "
            + "WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND u.active";

    @SqlQuery(BY_TOKEN_HASH)
    Optional<UserRow> findByTokenHash(@Bind("hash") String tokenHash);

    @SqlQuery("SELECT * FROM users WHERE id = :id")
    Optional<UserRow> find(@Bind("id") String id);

    @SqlQuery("SELECT * FROM users ORDER BY created_at, id")
    List<UserRow> list();

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM tokens WHERE user_id = :id AND revoked_at IS NULL)")
    boolean hasLiveToken(@Bind("id") String userId);

    @SqlUpdate("UPDATE tokens SET revoked_at = :at WHERE user_id = :id AND revoked_at IS NULL")
    int revokeTokens(@Bind("id") String userId, @Bind("at") Instant at);

    /** Every active member of both bodies; membership is read when needed, never cached. */
    @SqlQuery("SELECT * FROM users WHERE role = 'COMMITTEE' AND active ORDER BY created_at, id")
    List<UserRow> members();
}
