package th.or.depa.smartcity.store;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Signed heads of records other than a plan's (the users' record) and the fingerprint of the record key. */
@RegisterConstructorMapper(RecordHeadDao.Head.class)
public interface RecordHeadDao {

    String USERS = "users";
    String KEY = "key";

    record Head(String record, int eventCount, String lastHash, String mac) {
    }

    @SqlQuery("SELECT * FROM record_heads WHERE record = :record")
    Optional<Head> find(@Bind("record") String record);

    /** Locks the head to the end of the transaction: appends to one record queue up. */
    @SqlQuery("SELECT * FROM record_heads WHERE record = :record FOR UPDATE")
    Optional<Head> lock(@Bind("record") String record);

    @SqlUpdate("INSERT INTO record_heads (record, event_count, last_hash, mac) "
            + "VALUES (:record, :eventCount, :lastHash, :mac)")
    void insert(@BindMethods Head head);

    @SqlUpdate("UPDATE record_heads SET event_count = :eventCount, last_hash = :lastHash, mac = :mac "
            + "WHERE record = :record")
    int update(@BindMethods Head head);
}
