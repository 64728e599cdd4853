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
public interface EventDao extends org.jdbi.v3.sqlobject.SqlObject {

    String INSERT = "INSERT INTO events (plan_id, seq, type, actor_id, actor, role, occurred_at, state_before, "
            + "state_after, comment, rule_set_version, rule_set_sha256, data, prev_hash, hash, scheme, plan_row) "
            + "VALUES (:planId, :seq, :type, :actorId, :actor, :role, :occurredAt, :stateBefore, :stateAfter, :comment, "
            + ":ruleSetVersion, :ruleSetSha256, :data, :prevHash, :hash, :scheme, :planRow)";

    @SqlUpdate(INSERT)
    void insertRow(@BindMethods EventRow event);

    @SqlBatch(INSERT)
    void insertRows(@BindMethods List<EventRow> events);

    @SqlUpdate("UPDATE plans SET record_head = :hash, record_count = :count, record_mac = :mac WHERE id = :planId")
    void moveHead(@Bind("planId") String planId, @Bind("hash") String hash, @Bind("count") int count,
                  @Bind("mac") String mac);

    /** Appends a plan's events, chained in this order; the caller then moves the head (EventLog signs it). */
    default void insert(List<EventRow> events) {
        if (events.size() == 1) {
            insertRow(events.get(0));
        } else if (!events.isEmpty()) {
            insertRows(events);
        }
    }

    /** A plan's head as stored with the plan: the last event's hash, the number of events and their signature. */
    record Head(String recordHead, Integer recordCount, String recordMac) {
    }

    @SqlQuery("SELECT record_head, record_count, record_mac FROM plans WHERE id = :id")
    @RegisterConstructorMapper(Head.class)
    Optional<Head> head(@Bind("id") String planId);

    /** The plan row as the record vouches for it, with its latest evaluation's stored result. */
    @SqlQuery("SELECT p.state, p.revision, p.outcome, p.latest_evaluation_id, p.certificate, p.review_round, "
            + "e.result AS evaluation FROM plans p LEFT JOIN evaluations e ON e.id = p.latest_evaluation_id "
            + "WHERE p.id = :id")
    @RegisterConstructorMapper(PlanRowState.class)
    Optional<PlanRowState> rowState(@Bind("id") String planId);

    /** Plans whose record is not yet signed with the key (written before the record was keyed). */
    @SqlQuery("SELECT id FROM plans WHERE record_mac IS NULL ORDER BY id")
    List<String> unsigned();

    @SqlQuery("SELECT * FROM events WHERE plan_id = :id ORDER BY seq DESC LIMIT 1")
    Optional<EventRow> last(@Bind("id") String planId);

    @SqlQuery("SELECT * FROM events WHERE plan_id = :id ORDER BY seq")
    List<EventRow> all(@Bind("id") String planId);

    /** Events of one type of several plans (reports: the TALLY events of a page of plans), in record order. */
    @SqlQuery("SELECT * FROM events WHERE type = :type AND plan_id IN (<ids>) ORDER BY plan_id, seq")
    List<EventRow> ofType(@Bind("type") String type, @org.jdbi.v3.sqlobject.customizer.BindList("ids") List<String> planIds);
}
