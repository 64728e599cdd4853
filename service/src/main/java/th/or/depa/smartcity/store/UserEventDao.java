package th.or.depa.smartcity.store;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The users' record, append-only like a plan's; tokens as the record and verify-record see them. */
@RegisterConstructorMapper(UserEventDao.UserEventRow.class)
@RegisterConstructorMapper(UserEventDao.TokenRow.class)
public interface UserEventDao {

    /** One entry of the users' record: who did what to which user (subjectId); data is the JSON it carries. */
    record UserEventRow(int seq, String type, String actorId, String actor, String role, Instant occurredAt,
                        String subjectId, String data, String prevHash, String hash) {
    }

    record TokenRow(String tokenHash, String userId, Instant revokedAt) {
    }

    @SqlUpdate("INSERT INTO user_events (seq, type, actor_id, actor, role, occurred_at, subject_id, data, prev_hash, "
            + "hash) VALUES (:seq, :type, :actorId, :actor, :role, :occurredAt, :subjectId, :data, :prevHash, :hash)")
    void insert(@BindMethods UserEventRow event);

    @SqlQuery("SELECT * FROM user_events ORDER BY seq")
    List<UserEventRow> all();

    /** Whether the record holds an event whose type starts with prefix (one row read, not the whole record). */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM user_events WHERE type LIKE :prefix || '%')")
    boolean anyOfType(@Bind("prefix") String prefix);

    @SqlQuery("SELECT token_hash, user_id, revoked_at FROM tokens ORDER BY user_id, token_hash")
    List<TokenRow> tokens();
}
