package th.or.depa.smartcity.store;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The webhook deliveries not yet delivered, by state, for the notification backlog metric. */
public interface BacklogDao {

    record Count(String state, long count) {
    }

    @SqlQuery("SELECT state, COUNT(*) AS count FROM deliveries WHERE state IN ('PENDING', 'FAILED') GROUP BY state")
    @RegisterConstructorMapper(Count.class)
    List<Count> undelivered();
}
