package th.or.depa.smartcity.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The renewals table (V10): progress reports, their evaluations, and the certificates renewals replaced. */
@RegisterConstructorMapper(RenewalRow.class)
public interface RenewalDao {

    @SqlUpdate("INSERT INTO renewals (id, plan_id, submitted_by, submitted_at, report, evaluation, outcome, "
            + "rule_set_version, rule_set_sha256) VALUES (:id, :planId, :submittedBy, :submittedAt, :report, "
            + ":evaluation, :outcome, :ruleSetVersion, :ruleSetSha256)")
    void insert(@BindMethods RenewalRow row);

    /** The newest progress report of a plan. */
    @SqlQuery("SELECT * FROM renewals WHERE plan_id = :planId ORDER BY submitted_at DESC, id DESC LIMIT 1")
    Optional<RenewalRow> latest(@Bind("planId") String planId);

    /** The certificates renewals continued, oldest first. */
    @SqlQuery("SELECT * FROM renewals WHERE plan_id = :planId AND replaced_certificate IS NOT NULL "
            + "ORDER BY decided_at, id")
    List<RenewalRow> renewed(@Bind("planId") String planId);

    @SqlUpdate("UPDATE renewals SET result = :result, replaced_certificate = :replaced, decided_at = :at "
            + "WHERE id = :id")
    int decide(@Bind("id") String id, @Bind("result") String result, @Bind("replaced") String replaced,
               @Bind("at") Instant at);
}
