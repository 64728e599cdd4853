package th.or.depa.smartcity.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The append-only record. There is no update or delete here on purpose. */
@RegisterConstructorMapper(EventRow.class)
public interface EventDao {

    @SqlUpdate("INSERT INTO events (plan_id, seq, type, actor_id, actor, role, occurred_at, state_before, state_after, "
            + "comment, rule_set_version, rule_set_sha256, data, prev_hash, hash) VALUES (:planId, :seq, :type, "
            + ":actorId, :actor, :role, :occurredAt, :stateBefore, :stateAfter, :comment, :ruleSetVersion, "
            + ":ruleSetSha256, :data, :prevHash, :hash)")
    void insert(@BindMethods EventRow event);

    @SqlQuery("SELECT * FROM events WHERE plan_id = :id ORDER BY seq DESC LIMIT 1")
    Optional<EventRow> last(@Bind("id") String planId);

    @SqlQuery("SELECT * FROM events WHERE plan_id = :id ORDER BY seq")
    List<EventRow> all(@Bind("id") String planId);
}
