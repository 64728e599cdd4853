package th.or.depa.smartcity.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Rule-set versions: PROPOSED, ACTIVE (exactly one once any exists) or RETIRED. Status changes are single updates;
 * RuleSets runs them in one transaction with their events in the record.
 */
@RegisterConstructorMapper(RuleSetRow.class)
public interface RuleSetDao {

    @SqlUpdate("INSERT INTO rule_sets (version, sha256, files, note, created_by, created_at, status, status_at, "
            + "proposer_id, tests) VALUES (:version, :sha256, :files, :note, :createdBy, :createdAt, :status, :statusAt, "
            + ":proposerId, :tests)")
    void insert(@BindMethods RuleSetRow row);

    @SqlQuery("SELECT COALESCE(MAX(version), 0) FROM rule_sets")
    int maxVersion();

    @SqlQuery("SELECT * FROM rule_sets WHERE sha256 = :sha")
    Optional<RuleSetRow> findBySha(@Bind("sha") String sha256);

    @SqlQuery("SELECT * FROM rule_sets WHERE version = :v")
    Optional<RuleSetRow> find(@Bind("v") int version);

    @SqlQuery("SELECT * FROM rule_sets WHERE status = 'ACTIVE'")
    Optional<RuleSetRow> active();

    @SqlQuery("SELECT version, sha256, '' AS files, note, created_by, created_at, status, status_at, proposer_id, "
            + "activated_by, activated_by_id, activated_at, retired_at, rolled_back_by, rolled_back_by_id, "
            + "rolled_back_at, tests FROM rule_sets ORDER BY version DESC")
    List<RuleSetRow> listWithoutFiles();

    /** Every version with its files, oldest first (verify-record replays the record against them). */
    @SqlQuery("SELECT * FROM rule_sets ORDER BY version")
    List<RuleSetRow> all();

    @SqlUpdate("UPDATE rule_sets SET status = 'ACTIVE', status_at = :at, activated_by = :by, activated_by_id = :byId, "
            + "activated_at = :at WHERE version = :v")
    int markActivated(@Bind("v") int version, @Bind("by") String by, @Bind("byId") String byId, @Bind("at") Instant at);

    @SqlUpdate("UPDATE rule_sets SET status = 'ACTIVE', status_at = :at, rolled_back_by = :by, "
            + "rolled_back_by_id = :byId, rolled_back_at = :at WHERE version = :v")
    int markRolledBack(@Bind("v") int version, @Bind("by") String by, @Bind("byId") String byId, @Bind("at") Instant at);

    @SqlUpdate("UPDATE rule_sets SET status = 'RETIRED', status_at = :at, retired_at = :at WHERE version = :v")
    int markRetired(@Bind("v") int version, @Bind("at") Instant at);

    @SqlQuery("SELECT * FROM rule_sets WHERE version = :v FOR UPDATE")
    Optional<RuleSetRow> lock(@Bind("v") int version);

    /** Locks the version in force (if any) to the end of the transaction: status changes queue up behind it. */
    @SqlQuery("SELECT * FROM rule_sets WHERE status = 'ACTIVE' FOR UPDATE")
    Optional<RuleSetRow> lockActive();
}
