package th.or.depa.smartcity.store;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The writes of one submission as plain statements on the transaction's handle: the plan row with its record head,
 * its first revision and evaluation, its first events in one batch. Attaching a SqlObject per transaction cost more
 * CPU than some of these statements (issue 18's profile); the SQL is the DAOs' own.
 */
public final class SubmissionWriter {

    private SubmissionWriter() {
    }

    public static void plan(Handle h, PlanRow row, String recordHead, int recordCount, String recordMac) {
        h.createUpdate(PlanDao.INSERT_PLAN_WITH_HEAD).bindMethods(row).bind("recordHead", recordHead)
                .bind("recordCount", recordCount).bind("recordMac", recordMac).execute();
    }

    public static void revision(Handle h, String planId, int revision, String content, Instant at) {
        h.createUpdate(PlanDao.INSERT_REVISION).bind("planId", planId).bind("revision", revision)
                .bind("content", content).bind("at", at).execute();
    }

    public static void evaluation(Handle h, EvaluationRow evaluation) {
        h.createUpdate(PlanDao.INSERT_EVALUATION).bindMethods(evaluation).execute();
    }

    /** A plan's events, in chain order, in one round trip. */
    public static void events(Handle h, List<EventRow> events) {
        PreparedBatch batch = h.prepareBatch(EventDao.INSERT);
        for (EventRow e : events) {
            batch.bindMethods(e).add();
        }
        batch.execute();
    }
}
