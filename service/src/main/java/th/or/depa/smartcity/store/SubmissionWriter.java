package th.or.depa.smartcity.store;

import java.util.Comparator;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The writes of one or more submissions as plain statements on the transaction's handle, one JDBC batch per table
 * (with PostgreSQL's reWriteBatchedInserts, one multi-row INSERT each). Attaching a SqlObject per transaction cost
 * more CPU than some of these statements (issue 18's profile); the SQL is the DAOs' own.
 */
public final class SubmissionWriter {

    /**
     * A delivery due at once for each active webhook of the notification's recipient, without reading the webhooks
     * first (gen_random_uuid: PostgreSQL 13+, and H2 in its PostgreSQL mode).
     */
    static final String INSERT_DELIVERIES = "INSERT INTO deliveries (id, notification_id, webhook_id, state, attempts, "
            + "next_at, created_at) SELECT CAST(gen_random_uuid() AS VARCHAR(36)), :notification, id, 'PENDING', 0, "
            + ":at, :at FROM webhooks WHERE owner = :recipient AND active";

    private SubmissionWriter() {
    }

    /** The plans, revisions, evaluations, events and idempotency rows of these submissions. */
    public static void rows(Handle h, List<SubmissionRows> all) {
        PreparedBatch plans = h.prepareBatch(PlanDao.INSERT_PLAN_WITH_HEAD);
        PreparedBatch revisions = h.prepareBatch(PlanDao.INSERT_REVISION);
        PreparedBatch evaluations = h.prepareBatch(PlanDao.INSERT_EVALUATION);
        PreparedBatch events = h.prepareBatch(EventDao.INSERT);
        for (SubmissionRows s : all) {
            plans.bindMethods(s.plan()).bind("recordHead", s.recordHead()).bind("recordCount", s.recordCount())
                    .bind("recordMac", s.recordMac()).add();
            revisions.bind("planId", s.plan().id()).bind("revision", s.plan().revision())
                    .bind("content", s.content()).bind("at", s.plan().submittedAt()).add();
            evaluations.bindMethods(s.evaluation()).add();
            for (EventRow e : s.events()) {
                events.bindMethods(e).add();
            }
        }
        plans.execute();
        revisions.execute();
        evaluations.execute();
        events.execute();
        // in key order, so that two batches holding the same two keys wait for each other rather than deadlock
        List<SubmissionRows> keyed = all.stream().filter(s -> s.idempotency() != null)
                .sorted(Comparator.comparing((SubmissionRows s) -> s.idempotency().userId())
                        .thenComparing(s -> s.idempotency().idemKey()))
                .toList();
        if (!keyed.isEmpty()) {
            PreparedBatch keys = h.prepareBatch(PlanDao.INSERT_IDEMPOTENCY);
            for (SubmissionRows s : keyed) {
                keys.bindMethods(s.idempotency()).bind("at", s.plan().submittedAt()).add();
            }
            keys.execute();
        }
    }

    /** The notifications of these submissions, and their deliveries; nothing when they have none. */
    public static void notifications(Handle h, List<SubmissionRows> all) {
        if (all.stream().allMatch(s -> s.notifications().isEmpty())) {
            return;
        }
        PreparedBatch notifications = h.prepareBatch(NotificationDao.INSERT);
        PreparedBatch deliveries = h.prepareBatch(INSERT_DELIVERIES);
        for (SubmissionRows s : all) {
            for (NotificationDao.Notification n : s.notifications()) {
                notifications.bindMethods(n).add();
                deliveries.bind("notification", n.id()).bind("recipient", n.recipient()).bind("at", n.createdAt())
                        .add();
            }
        }
        notifications.execute();
        deliveries.execute();
    }
}
