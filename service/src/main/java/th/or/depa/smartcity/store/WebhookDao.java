package th.or.depa.smartcity.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Registered webhooks, their deliveries and the attempts at each (the delivery log). */
@RegisterConstructorMapper(WebhookDao.Webhook.class)
public interface WebhookDao {

    /** A webhook; owner is "org:&lt;id&gt;" or "body:&lt;BODY&gt;"; secret is what the signatures are made with. */
    record Webhook(String id, String owner, String url, String secret, String createdBy, Instant createdAt,
                   boolean active) {
    }

    /** One delivery of a notification to a webhook, with what the log shows of it. */
    record Delivery(String id, String notificationId, String webhookId, String state, int attempts, Instant nextAt,
                    Instant createdAt, String kind) {
    }

    record Attempt(String deliveryId, int attempt, Instant at, Integer statusCode, String error, long durationMs) {
    }

    /** A claimed delivery with everything its POST needs. */
    record Due(String id, String notificationId, int attempts, Instant createdAt, String url, String secret,
               String payload) {
    }

    @SqlUpdate("INSERT INTO webhooks (id, owner, url, secret, created_by, created_at, active) "
            + "VALUES (:id, :owner, :url, :secret, :createdBy, :createdAt, :active)")
    void insert(@BindMethods Webhook w);

    @SqlQuery("SELECT * FROM webhooks WHERE id = :id AND active")
    Optional<Webhook> find(@Bind("id") String id);

    @SqlQuery("SELECT * FROM webhooks WHERE active AND (:owner IS NULL OR owner = :owner) ORDER BY created_at, id")
    List<Webhook> list(@Bind("owner") String owner);

    /** Deleting keeps the row (its deliveries and their log refer to it); pending deliveries stop. */
    @SqlUpdate("UPDATE webhooks SET active = FALSE WHERE id = :id")
    int deactivate(@Bind("id") String id);

    @SqlUpdate("UPDATE deliveries SET state = 'CANCELLED' WHERE webhook_id = :id AND state = 'PENDING'")
    void cancelPending(@Bind("id") String webhookId);

    @SqlQuery("SELECT d.id, d.notification_id, d.webhook_id, d.state, d.attempts, d.next_at, d.created_at, n.kind "
            + "FROM deliveries d JOIN notifications n ON n.id = d.notification_id WHERE d.webhook_id = :id "
            + "ORDER BY d.created_at DESC, d.id LIMIT :limit")
    @RegisterConstructorMapper(Delivery.class)
    List<Delivery> deliveries(@Bind("id") String webhookId, @Bind("limit") int limit);

    @SqlQuery("SELECT a.* FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id "
            + "WHERE d.webhook_id = :id ORDER BY a.at, a.attempt")
    @RegisterConstructorMapper(Attempt.class)
    List<Attempt> attempts(@Bind("id") String webhookId);

    /** Candidates due now; each is then claimed on its own (claim) so two instances never send one at once. */
    @SqlQuery("SELECT id FROM deliveries WHERE state = 'PENDING' AND next_at <= :now "
            + "AND (claimed_until IS NULL OR claimed_until < :now) ORDER BY next_at LIMIT :limit")
    List<String> due(@Bind("now") Instant now, @Bind("limit") int limit);

    /** The lease: 1 when this instance got the delivery until leaseUntil, 0 when another holds it or it is done. */
    @SqlUpdate("UPDATE deliveries SET claimed_until = :until WHERE id = :id AND state = 'PENDING' "
            + "AND (claimed_until IS NULL OR claimed_until < :now)")
    int claim(@Bind("id") String id, @Bind("now") Instant now, @Bind("until") Instant leaseUntil);

    @SqlQuery("SELECT d.id, d.notification_id, d.attempts, d.created_at, w.url, w.secret, n.payload "
            + "FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN notifications n ON n.id = d.notification_id "
            + "WHERE d.id = :id")
    @RegisterConstructorMapper(Due.class)
    Optional<Due> claimed(@Bind("id") String id);

    @SqlUpdate("INSERT INTO delivery_attempts (delivery_id, attempt, at, status_code, error, duration_ms) "
            + "VALUES (:deliveryId, :attempt, :at, :statusCode, :error, :durationMs)")
    void logAttempt(@BindMethods Attempt a);

    /** After an attempt: DELIVERED, FAILED, or PENDING again at nextAt; the lease ends. */
    @SqlUpdate("UPDATE deliveries SET state = :state, attempts = :attempts, next_at = :nextAt, claimed_until = NULL "
            + "WHERE id = :id")
    void settle(@Bind("id") String id, @Bind("state") String state, @Bind("attempts") int attempts,
                @Bind("nextAt") Instant nextAt);
}
