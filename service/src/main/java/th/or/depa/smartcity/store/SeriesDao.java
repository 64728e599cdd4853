package th.or.depa.smartcity.store;

import java.time.Instant;
import java.util.stream.Stream;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The rows behind the decisions report's month-by-month series, streamed (the caller closes the stream inside a
 * transaction, so PostgreSQL sends them in batches of the fetch size instead of all at once). Filters apply to the
 * plan the row belongs to; months are cut in Java, in Asia/Bangkok, because H2 and PostgreSQL convert zones
 * differently.
 */
public interface SeriesDao {

    /** A record entry the series counts: when, what, and the move it made. */
    record Move(Instant at, String type, String stateBefore, String stateAfter) {
    }

    /** An evaluation: its plan, when, its outcome and its stored result (for the criteria not met). */
    record Judgement(String planId, Instant at, String outcome, String result) {
    }

    String FILTER = " AND (CAST(:state AS VARCHAR) IS NULL OR p.state = :state)"
            + " AND (CAST(:province AS VARCHAR) IS NULL OR p.province = :province)";

    @SqlQuery("SELECT e.occurred_at AS at, e.type, e.state_before, e.state_after FROM events e "
            + "JOIN plans p ON p.id = e.plan_id WHERE e.type IN ('SUBMITTED', 'REVISED', 'ACTION', 'CERTIFIED', "
            + "'EXPIRED', 'RENEWED')"
            + " AND e.occurred_at >= :from AND e.occurred_at < :to" + FILTER)
    @RegisterConstructorMapper(Move.class)
    @FetchSize(1000)
    Stream<Move> moves(@Bind("from") Instant from, @Bind("to") Instant to, @Bind("state") String state,
                       @Bind("province") String province);

    /** The last valid days of the certificates that end in [from, to) (the series' "expiring"). */
    @SqlQuery("SELECT p.certificate_valid_until FROM plans p WHERE p.certificate_valid_until >= :from"
            + " AND p.certificate_valid_until < :to" + FILTER)
    java.util.List<java.time.LocalDate> validUntil(@Bind("from") java.time.LocalDate from,
                                                   @Bind("to") java.time.LocalDate to, @Bind("state") String state,
                                                   @Bind("province") String province);

    /** Ordered by plan so that a plan's criteria are counted once per month with only that plan in memory. */
    @SqlQuery("SELECT v.plan_id, v.evaluated_at AS at, v.outcome, v.result FROM evaluations v "
            + "JOIN plans p ON p.id = v.plan_id WHERE v.evaluated_at >= :from AND v.evaluated_at < :to" + FILTER
            + " ORDER BY v.plan_id, v.evaluated_at")
    @RegisterConstructorMapper(Judgement.class)
    @FetchSize(200)
    Stream<Judgement> judgements(@Bind("from") Instant from, @Bind("to") Instant to, @Bind("state") String state,
                                 @Bind("province") String province);
}
