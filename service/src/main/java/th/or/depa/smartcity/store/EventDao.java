package th.or.depa.smartcity.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The append-only record. There is no update or delete here on purpose. */
@RegisterConstructorMapper(EventRow.class)
public interface EventDao {

    @SqlUpdate("INSERT INTO events (plan_id, seq, type, actor_id, actor, role, occurred_at, state_before, state_after, "
            + "comment, rule_set_version, rule_set_sha256, data, prev_hash, hash) VALUES (:planId, :seq, :type, "
            + ":actorId, :actor, :role, :occurredAt, :stateBefore, :stateAfter, :comment, :ruleSetVersion, "
            + ":ruleSetSha256, :data, :prevHash, :hash)")
    void insertRow(@BindMethods EventRow event);

    @SqlBatch("INSERT INTO events (plan_id, seq, type, actor_id, actor, role, occurred_at, state_before, state_after, "
            + "comment, rule_set_version, rule_set_sha256, data, prev_hash, hash) VALUES (:planId, :seq, :type, "
            + ":actorId, :actor, :role, :occurredAt, :stateBefore, :stateAfter, :comment, :ruleSetVersion, "
            + ":ruleSetSha256, :data, :prevHash, :hash)")
    void insertRows(@BindMethods List<EventRow> events);

    @SqlUpdate("UPDATE plans SET record_head = :hash WHERE id = :planId")
    void moveHead(@Bind("planId") String planId, @Bind("hash") String hash);

    /** Appends an event and moves the plan's record head to it; call inside the writing transaction. */
    default void insert(EventRow event) {
        insertRow(event);
        moveHead(event.planId(), event.hash());
    }

    /** Appends a plan's events, chained in this order, and moves its record head to the last once. */
    default void insert(List<EventRow> events) {
        if (events.size() == 1) {
            insert(events.get(0));
        } else if (!events.isEmpty()) {
            insertRows(events);
            EventRow last = events.get(events.size() - 1);
            moveHead(last.planId(), last.hash());
        }
    }

    @SqlQuery("SELECT record_head FROM plans WHERE id = :id")
    Optional<String> head(@Bind("id") String planId);

    @SqlQuery("SELECT * FROM events WHERE plan_id = :id ORDER BY seq DESC LIMIT 1")
    Optional<EventRow> last(@Bind("id") String planId);

    @SqlQuery("SELECT * FROM events WHERE plan_id = :id ORDER BY seq")
    List<EventRow> all(@Bind("id") String planId);

    /** Events of one type of several plans (reports: the TALLY events of a page of plans), in record order. */
    @SqlQuery("SELECT * FROM events WHERE type = :type AND plan_id IN (<ids>) ORDER BY plan_id, seq")
    List<EventRow> ofType(@Bind("type") String type, @org.jdbi.v3.sqlobject.customizer.BindList("ids") List<String> planIds);
}
