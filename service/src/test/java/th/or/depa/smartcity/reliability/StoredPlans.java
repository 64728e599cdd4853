package th.or.depa.smartcity.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import th.or.depa.smartcity.history.EventLog;
import th.or.depa.smartcity.history.RecordKey;
import th.or.depa.smartcity.store.EventDao;
import th.or.depa.smartcity.store.EventRow;
import th.or.depa.smartcity.support.Http;
import th.or.depa.smartcity.support.PlanVariants;

/** What the database holds after a load run, read with SQL and held against what the clients were told. */
final class StoredPlans {

    private StoredPlans() {
    }

    /**
     * Every acknowledged plan is stored exactly once (one plan row per reference and per key, under the id its 201
     * named), nothing else was stored, each has its evaluation and its SUBMITTED event, and every record verifies.
     */
    static void assertEachStoredOnce(Jdbi jdbi, RecordKey key, Http http, String run, Map<Integer, SubmissionLoad.Ack> acks)
            throws Exception {
        String like = PlanVariants.referenceLike(run);
        Map<String, List<String>> idsByReference = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT reference, id FROM plans WHERE reference LIKE :like")
                .bind("like", like).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> idsByReference.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue())));
        List<String> wrong = new ArrayList<>();
        acks.forEach((n, ack) -> {
            List<String> ids = idsByReference.getOrDefault(PlanVariants.reference(run, n), List.of());
            if (!ids.equals(List.of(ack.planId()))) {
                wrong.add(ack.key() + " acknowledged as " + ack.planId() + ", stored as " + ids);
            }
        });
        assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), wrong.size() + " plans stored wrongly");
        assertEquals(acks.size(), idsByReference.size(), "a plan was stored that no client was told of");

        assertEquals(acks.size(), count(jdbi, "SELECT COUNT(*) FROM idempotency_keys WHERE idem_key LIKE ?", run + "-%"),
                "one idempotency entry per key");
        assertEquals(acks.size(), count(jdbi, "SELECT COUNT(*) FROM plans p JOIN evaluations e ON e.plan_id = p.id"
                + " AND e.id = p.latest_evaluation_id WHERE p.reference LIKE ?", like), "each plan with its evaluation");
        assertEquals(acks.size(), count(jdbi, "SELECT COUNT(*) FROM evaluations e JOIN plans p ON p.id = e.plan_id"
                + " WHERE p.reference LIKE ?", like), "one evaluation each, none twice");
        assertEquals(acks.size(), count(jdbi, "SELECT COUNT(*) FROM events e JOIN plans p ON p.id = e.plan_id"
                + " WHERE e.type = 'SUBMITTED' AND p.reference LIKE ?", like), "one SUBMITTED event each");

        assertEquals(List.of(), brokenRecords(jdbi, key, like), "every record verifies");

        // and as a city reads it: a sample of histories through the API
        int step = Math.max(1, acks.size() / 20);
        List<SubmissionLoad.Ack> all = new ArrayList<>(acks.values());
        for (int i = 0; i < all.size(); i += step) {
            SubmissionLoad.Ack ack = all.get(i);
            Http.Answer history = http.get("/api/plans/" + ack.planId() + "/history", ack.token());
            assertEquals(200, history.status(), history.raw());
            assertTrue(history.body().get("chainVerified").asBoolean(), history.raw());
        }
    }

    /**
     * The plans of a run whose hash chain does not verify or does not end at the plan's record head: EventLog's check
     * of verify-record, with every event read in one query (verify-record asks per plan, too slow for 10,000).
     */
    static List<String> brokenRecords(Jdbi jdbi, RecordKey key, String like) {
        EventLog log = new EventLog(key);
        Map<String, EventDao.Head> heads = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT id, record_head, record_count, record_mac FROM plans WHERE reference LIKE ?")
                .bind(0, like).map((rs, ctx) -> Map.entry(rs.getString(1), new EventDao.Head(rs.getString(2),
                        (Integer) rs.getObject(3), rs.getString(4))))
                .forEach(e -> heads.put(e.getKey(), e.getValue())));
        List<String> broken = new ArrayList<>();
        List<EventRow> chain = new ArrayList<>();
        Runnable check = () -> {
            String id = chain.get(0).planId();
            EventDao.Head head = heads.remove(id);
            if (!log.checkChain(id, chain, head).ok()) {
                broken.add(id);
            }
            chain.clear();
        };
        jdbi.useHandle(h -> h.registerRowMapper(ConstructorMapper.factory(EventRow.class))
                .createQuery("SELECT e.* FROM events e JOIN plans p ON p.id = e.plan_id WHERE p.reference LIKE ?"
                        + " ORDER BY e.plan_id, e.seq").bind(0, like).mapTo(EventRow.class).forEach(e -> {
                            if (!chain.isEmpty() && !chain.get(0).planId().equals(e.planId())) {
                                check.run();
                            }
                            chain.add(e);
                        }));
        if (!chain.isEmpty()) {
            check.run();
        }
        broken.addAll(heads.keySet()); // plans without any event
        return broken;
    }

    static long count(Jdbi jdbi, String sql, String arg) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, arg).mapTo(Long.class).one());
    }
}
