package th.or.depa.smartcity.store;

import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * Everything one submission stores, judged and signed in memory before any write: the plan row with its record head,
 * its first revision and evaluation, its first events, its notifications (a delivery per active webhook of each
 * recipient is added by the write), and the idempotency row (null without a key). alsoInTransaction runs in the
 * transaction that writes them (the metrics count after its commit).
 */
public record SubmissionRows(PlanRow plan, String recordHead, int recordCount, String recordMac, String content,
                             EvaluationRow evaluation, List<EventRow> events,
                             List<NotificationDao.Notification> notifications, IdempotencyRow idempotency,
                             Consumer<Handle> alsoInTransaction) {
}
