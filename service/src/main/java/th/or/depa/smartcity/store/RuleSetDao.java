package th.or.depa.smartcity.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Rule-set versions: PROPOSED, ACTIVE (exactly one once any exists) or RETIRED. */
@RegisterConstructorMapper(RuleSetRow.class)
public interface RuleSetDao {

    @SqlUpdate("INSERT INTO rule_sets (version, sha256, files, note, created_by, created_at, status, status_at, "
            + "proposer_id) VALUES (:version, :sha256, :files, :note, :createdBy, :createdAt, :status, :statusAt, "
            + ":proposerId)")
    void insert(@BindMethods RuleSetRow row);

    @SqlQuery("SELECT COALESCE(MAX(version), 0) FROM rule_sets")
    int maxVersion();

    @SqlQuery("SELECT * FROM rule_sets WHERE sha256 = :sha")
    Optional<RuleSetRow> findBySha(@Bind("sha") String sha256);

    @SqlQuery("SELECT * FROM rule_sets WHERE version = :v")
    Optional<RuleSetRow> find(@Bind("v") int version);

    @SqlQuery("SELECT * FROM rule_sets WHERE status = 'ACTIVE'")
    Optional<RuleSetRow> active();

    @SqlQuery("SELECT version, sha256, '' AS files, note, created_by, created_at, status, status_at, proposer_id "
            + "FROM rule_sets ORDER BY version DESC")
    List<RuleSetRow> listWithoutFiles();

    @SqlUpdate("UPDATE rule_sets SET status = :status, status_at = :at WHERE version = :v")
    int setStatus(@Bind("v") int version, @Bind("status") String status, @Bind("at") Instant at);

    @SqlQuery("SELECT * FROM rule_sets WHERE version = :v FOR UPDATE")
    Optional<RuleSetRow> lock(@Bind("v") int version);

    /** Puts a version in force and retires the one before, in one transaction. */
    @Transaction
    default void activate(int version, Instant at) {
        active().filter(a -> a.version() != version).ifPresent(a -> setStatus(a.version(), "RETIRED", at));
        setStatus(version, "ACTIVE", at);
    }
}
