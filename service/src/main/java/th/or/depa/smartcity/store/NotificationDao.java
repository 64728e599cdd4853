package th.or.depa.smartcity.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The outbox: notifications, a delivery per webhook of the recipient, and the expiry notices already given. */
@RegisterConstructorMapper(NotificationDao.Notification.class)
public interface NotificationDao {

    record Notification(String id, String recipient, String kind, String planId, Integer eventSeq, String payload,
                        Instant createdAt) {
    }

    /** What a notification says about its plan. */
    record PlanLine(String id, String organisation, String city, String cityTh, String reference, String state,
                    String certificate) {
    }

    String INSERT = "INSERT INTO notifications (id, recipient, kind, plan_id, event_seq, payload, created_at) "
            + "VALUES (:id, :recipient, :kind, :planId, :eventSeq, :payload, :createdAt)";

    @SqlUpdate(INSERT)
    void insert(@BindMethods Notification n);

    @SqlQuery("SELECT id FROM webhooks WHERE owner = :recipient AND active ORDER BY id")
    List<String> webhooksOf(@Bind("recipient") String recipient);

    @SqlBatch("INSERT INTO deliveries (id, notification_id, webhook_id, state, attempts, next_at, created_at) "
            + "VALUES (:id, :notification, :webhook, 'PENDING', 0, :at, :at)")
    void insertDeliveries(@Bind("id") List<String> ids, @Bind("notification") String notificationId,
                          @Bind("webhook") List<String> webhookIds, @Bind("at") Instant at);

    /** The notification, and a delivery due at once for each active webhook of its recipient. */
    default void insertWithDeliveries(Notification n) {
        insert(n);
        List<String> hooks = webhooksOf(n.recipient());
        if (!hooks.isEmpty()) {
            insertDeliveries(hooks.stream().map(h -> java.util.UUID.randomUUID().toString()).toList(), n.id(), hooks,
                    n.createdAt());
        }
    }

    @SqlQuery("SELECT id, organisation, city, city_th, reference, state, certificate FROM plans WHERE id = :id")
    @RegisterConstructorMapper(PlanLine.class)
    Optional<PlanLine> plan(@Bind("id") String planId);

    @SqlQuery("SELECT id, organisation, city, city_th, reference, state, certificate FROM plans "
            + "WHERE certificate IS NOT NULL AND state IN (<states>) ORDER BY id")
    @RegisterConstructorMapper(PlanLine.class)
    List<PlanLine> certified(@BindList("states") List<String> states);

    /** 1 when this is the first notice of (plan, days, validUntil); a second instance's insert fails on the key. */
    @SqlUpdate("INSERT INTO expiry_notices (plan_id, days, valid_until, noticed_at) VALUES (:plan, :days, :until, :at)")
    int notice(@Bind("plan") String planId, @Bind("days") int days, @Bind("until") LocalDate validUntil,
               @Bind("at") Instant at);

    @SqlQuery("SELECT COUNT(*) FROM expiry_notices WHERE plan_id = :plan AND days = :days AND valid_until = :until")
    int noticed(@Bind("plan") String planId, @Bind("days") int days, @Bind("until") LocalDate validUntil);

    @SqlQuery("SELECT * FROM notifications ORDER BY created_at DESC, id LIMIT :limit")
    List<Notification> newestAll(@Bind("limit") int limit);

    @SqlQuery("SELECT * FROM notifications WHERE recipient IN (<recipients>) ORDER BY created_at DESC, id LIMIT :limit")
    List<Notification> newestOf(@BindList("recipients") List<String> recipients, @Bind("limit") int limit);

    /** The newest notifications of these recipients, all when recipients is null. */
    default List<Notification> newest(List<String> recipients, int limit) {
        return recipients == null ? newestAll(limit) : recipients.isEmpty() ? List.of() : newestOf(recipients, limit);
    }

    @SqlQuery("SELECT COUNT(*) FROM notifications WHERE created_at >= :since")
    int countAllSince(@Bind("since") Instant since);

    @SqlQuery("SELECT COUNT(*) FROM notifications WHERE created_at >= :since AND recipient IN (<recipients>)")
    int countOfSince(@BindList("recipients") List<String> recipients, @Bind("since") Instant since);

    default int countSince(List<String> recipients, Instant since) {
        return recipients == null ? countAllSince(since) : recipients.isEmpty() ? 0 : countOfSince(recipients, since);
    }
}
