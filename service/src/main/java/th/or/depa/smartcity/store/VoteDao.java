package th.or.depa.smartcity.store;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(VoteRow.class)
public interface VoteDao {

    @SqlUpdate("INSERT INTO votes (plan_id, review_round, body, member_id, vote, recused, comment, cast_at) "
            + "VALUES (:planId, :reviewRound, :body, :memberId, :vote, :recused, :comment, :castAt)")
    void insert(@BindMethods VoteRow vote);

    @SqlQuery("SELECT * FROM votes WHERE plan_id = :id AND review_round = :round ORDER BY cast_at, member_id")
    List<VoteRow> ofRound(@Bind("id") String planId, @Bind("round") int round);
}
