package th.or.depa.smartcity.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Plans, their revisions and evaluations, and idempotency keys. Multi-step writes go through {@link PlanStore}. */
@RegisterConstructorMapper(PlanRow.class)
@RegisterConstructorMapper(EvaluationRow.class)
@RegisterConstructorMapper(IdempotencyRow.class)
public interface PlanDao {

    @SqlUpdate("INSERT INTO plans (id, organisation, owner_id, reference, city, city_th, province, kind, revision, "
            + "state, outcome, latest_evaluation_id, certificate, certificate_valid_until, submitted_at, updated_at, "
            + "lock_version, review_round, search_text) "
            + "VALUES (:id, :organisation, :ownerId, :reference, :city, :cityTh, :province, :kind, :revision, :state, "
            + ":outcome, :latestEvaluationId, :certificate, :certificateValidUntil, :submittedAt, :updatedAt, :lockVersion, "
            + ":reviewRound, :searchText)")
    void insertPlan(@BindMethods PlanRow plan);

    /** A new plan with the signed head of the record its first events will make (EventLog.open): no update after. */
    String INSERT_PLAN_WITH_HEAD = "INSERT INTO plans (id, organisation, owner_id, reference, city, city_th, province, "
            + "kind, revision, state, outcome, latest_evaluation_id, certificate, certificate_valid_until, submitted_at, "
            + "updated_at, lock_version, review_round, search_text, record_head, record_count, record_mac) "
            + "VALUES (:id, :organisation, :ownerId, :reference, :city, :cityTh, :province, :kind, :revision, :state, "
            + ":outcome, :latestEvaluationId, :certificate, :certificateValidUntil, :submittedAt, :updatedAt, "
            + ":lockVersion, :reviewRound, :searchText, :recordHead, :recordCount, :recordMac)";

    @SqlUpdate(INSERT_PLAN_WITH_HEAD)
    void insertPlan(@BindMethods PlanRow plan, @Bind("recordHead") String recordHead,
                    @Bind("recordCount") int recordCount, @Bind("recordMac") String recordMac);

    /** Applies a new current state only if nobody changed the plan since it was read (lockVersion). */
    @SqlUpdate("UPDATE plans SET reference = :reference, city = :city, city_th = :cityTh, province = :province, "
            + "kind = :kind, revision = :revision, state = :state, outcome = :outcome, "
            + "latest_evaluation_id = :latestEvaluationId, certificate = :certificate, "
            + "certificate_valid_until = :certificateValidUntil, updated_at = :updatedAt, "
            + "review_round = :reviewRound, search_text = :searchText, lock_version = lock_version + 1 WHERE id = :id AND lock_version = :lockVersion")
    int updatePlan(@BindMethods PlanRow plan);

    String INSERT_REVISION = "INSERT INTO plan_revisions (plan_id, revision, content, created_at) "
            + "VALUES (:planId, :revision, :content, :at)";

    @SqlUpdate(INSERT_REVISION)
    void insertRevision(@Bind("planId") String planId, @Bind("revision") int revision,
                        @Bind("content") String content, @Bind("at") Instant at);

    String INSERT_EVALUATION = "INSERT INTO evaluations (id, plan_id, revision, rule_set_version, rule_set_sha256, "
            + "outcome, result, evaluated_at, criterion_statuses) VALUES (:id, :planId, :revision, :ruleSetVersion, "
            + ":ruleSetSha256, :outcome, :result, :evaluatedAt, :criterionStatuses)";

    @SqlUpdate(INSERT_EVALUATION)
    void insertEvaluation(@BindMethods EvaluationRow evaluation);

    @SqlQuery("SELECT * FROM plans WHERE id = :id")
    Optional<PlanRow> find(@Bind("id") String id);

    /** Locks the plan's row to the end of the transaction: actions, votes and revisions of one plan queue up. */
    @SqlQuery("SELECT * FROM plans WHERE id = :id FOR UPDATE")
    Optional<PlanRow> lock(@Bind("id") String id);

    @SqlQuery("SELECT content FROM plan_revisions WHERE plan_id = :id AND revision = :revision")
    Optional<String> content(@Bind("id") String planId, @Bind("revision") int revision);

    @SqlQuery("SELECT * FROM evaluations WHERE id = :id")
    Optional<EvaluationRow> evaluation(@Bind("id") String id);

    @SqlQuery("SELECT * FROM evaluations WHERE plan_id = :id ORDER BY evaluated_at DESC, revision DESC, id DESC")
    List<EvaluationRow> evaluations(@Bind("id") String planId);

    String FILTER = " WHERE (CAST(:org AS VARCHAR) IS NULL OR organisation = :org)"
            + " AND (CAST(:state AS VARCHAR) IS NULL OR state = :state)"
            + " AND (CAST(:province AS VARCHAR) IS NULL OR province = :province)"
            + " AND (CAST(:kind AS VARCHAR) IS NULL OR kind = :kind)"
            // q as a LIKE pattern over the normalised column (SearchText.pattern escapes the caller's % and _)
            + " AND (CAST(:search AS VARCHAR) IS NULL OR search_text LIKE :search ESCAPE '!')";

    @SqlQuery("SELECT * FROM plans" + FILTER + " ORDER BY submitted_at DESC, id DESC LIMIT :limit OFFSET :offset")
    List<PlanRow> list(@BindMethods PlanFilter filter, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT COUNT(*) FROM plans" + FILTER)
    long count(@BindMethods PlanFilter filter);

    /**
     * The latest revision of plans after a given id, in id order, with its stored verdict (outcome and criterion
     * statuses) and the rule set that made it: impact analysis reads plans in batches. The 12 KB evaluation document
     * is read only for a row without its statuses (CASE: PostgreSQL does not even decompress it otherwise).
     */
    @SqlQuery("SELECT p.id, r.content, e.rule_set_sha256, e.outcome, e.criterion_statuses, "
            + "CASE WHEN e.criterion_statuses IS NULL THEN e.result END AS evaluation FROM plans p "
            + "JOIN plan_revisions r ON r.plan_id = p.id AND r.revision = p.revision "
            + "LEFT JOIN evaluations e ON e.id = p.latest_evaluation_id "
            + "WHERE p.id > :after ORDER BY p.id LIMIT :limit")
    @RegisterConstructorMapper(LatestRevision.class)
    List<LatestRevision> latestRevisions(@Bind("after") String afterId, @Bind("limit") int limit);

    /**
     * A plan's latest revision, its content as the UTF-8 bytes stored (impact analysis sends them on to its worker
     * as they are: no String made and encoded again); outcome and criterionStatuses of its latest evaluation (null:
     * none), evaluation its document only where the statuses are null.
     */
    record LatestRevision(String id, byte[] content, String ruleSetSha256, String outcome, String criterionStatuses,
                          String evaluation) {
    }

    /**
     * Reports: plans whose updated_at lies in [from, to), newest first (updated_at, then id, descending), after a
     * keyset position (afterAt, afterId) so that a long period is read page by page; start with (to, "").
     */
    @SqlQuery("SELECT p.id, p.organisation, p.city, p.city_th, p.province, p.kind, p.state, p.outcome, "
            + "p.certificate, p.submitted_at, p.updated_at, e.result AS evaluation, r.content AS content "
            + "FROM plans p LEFT JOIN evaluations e ON e.id = p.latest_evaluation_id "
            + "LEFT JOIN plan_revisions r ON r.plan_id = p.id AND r.revision = p.revision "
            + "WHERE p.updated_at >= :from AND p.updated_at < :to"
            + " AND (CAST(:state AS VARCHAR) IS NULL OR p.state = :state)"
            + " AND (CAST(:province AS VARCHAR) IS NULL OR p.province = :province)"
            + " AND (p.updated_at < :afterAt OR (p.updated_at = :afterAt AND p.id < :afterId))"
            + " ORDER BY p.updated_at DESC, p.id DESC LIMIT :limit")
    @RegisterConstructorMapper(ReportRow.class)
    List<ReportRow> reportPage(@Bind("from") Instant from, @Bind("to") Instant to, @Bind("state") String state,
                               @Bind("province") String province, @Bind("afterAt") Instant afterAt,
                               @Bind("afterId") String afterId, @Bind("limit") int limit);

    /** A plan as a report lists it: its head, the latest evaluation's JSON and the latest revision's content. */
    record ReportRow(String id, String organisation, String city, String cityTh, String province, String kind,
                     String state, String outcome, String certificate, Instant submittedAt, Instant updatedAt,
                     String evaluation, String content) {
    }

    /**
     * Plans of a state whose certificate's last valid day is before a day (certified plans that may be due to
     * expire; the workflow rules decide), oldest first: an indexed query.
     */
    @SqlQuery("SELECT id FROM plans WHERE certificate_valid_until < :day AND state = :state "
            + "ORDER BY certificate_valid_until, id LIMIT :limit")
    List<String> validUntilBefore(@Bind("day") java.time.LocalDate day, @Bind("state") String state,
                                  @Bind("limit") int limit);

    /** A certificate the decisions report may list as expiring soon. */
    record Expiring(String id, String city, String cityTh, String province, String state, String certificate,
                    java.time.LocalDate certificateValidUntil) {
    }

    /** Certificates whose last valid day lies in [first, last], soonest first (report filters as reportPage). */
    @SqlQuery("SELECT id, city, city_th, province, state, certificate, certificate_valid_until FROM plans "
            + "WHERE certificate_valid_until >= :first AND certificate_valid_until <= :last"
            + " AND (CAST(:state AS VARCHAR) IS NULL OR state = :state)"
            + " AND (CAST(:province AS VARCHAR) IS NULL OR province = :province)"
            + " ORDER BY certificate_valid_until, id")
    @RegisterConstructorMapper(Expiring.class)
    List<Expiring> validUntilBetween(@Bind("first") java.time.LocalDate first, @Bind("last") java.time.LocalDate last,
                                     @Bind("state") String state, @Bind("province") String province);

    /** Rows with a certificate written before certificate_valid_until existed (V9). */
    @SqlQuery("SELECT id, certificate FROM plans WHERE certificate IS NOT NULL AND certificate_valid_until IS NULL")
    @RegisterConstructorMapper(CertificateOnly.class)
    List<CertificateOnly> certificatesWithoutValidUntil();

    record CertificateOnly(String id, String certificate) {
    }

    @SqlUpdate("UPDATE plans SET certificate_valid_until = :day WHERE id = :id")
    void setCertificateValidUntil(@Bind("id") String id, @Bind("day") java.time.LocalDate day);

    /** Locks a job's row to the end of the transaction: one instance runs the job at a time. */
    @SqlQuery("SELECT name FROM job_locks WHERE name = :name FOR UPDATE")
    Optional<String> lockJob(@Bind("name") String name);

    @SqlUpdate("UPDATE job_locks SET last_run_at = :at WHERE name = :name")
    void jobRan(@Bind("name") String name, @Bind("at") Instant at);

    @SqlQuery("SELECT * FROM idempotency_keys WHERE user_id = :userId AND idem_key = :key")
    Optional<IdempotencyRow> idempotency(@Bind("userId") String userId, @Bind("key") String key);

    String INSERT_IDEMPOTENCY = "INSERT INTO idempotency_keys (user_id, idem_key, request_sha256, status, response, "
            + "created_at) VALUES (:userId, :idemKey, :requestSha256, :status, :response, :at)";

    @SqlUpdate(INSERT_IDEMPOTENCY)
    void insertIdempotency(@BindMethods IdempotencyRow row, @Bind("at") Instant at);
}
