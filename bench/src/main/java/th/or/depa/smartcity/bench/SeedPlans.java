package th.or.depa.smartcity.bench;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.history.EventLog;
import th.or.depa.smartcity.history.NewEvent;
import th.or.depa.smartcity.history.RecordKey;
import th.or.depa.smartcity.store.PlanRowState;
import th.or.depa.smartcity.store.EventDao;
import th.or.depa.smartcity.store.EventRow;

/**
 * Fills a database up to N stored plans fast, for the impact-analysis and memory benchmarks. The templates are the
 * plans already stored (bench/scripts submit the spec's example plans through POST /api/plans first), so every
 * column, including ones added by later migrations, holds what the service itself wrote. Each clone gets new ids
 * in plans, plan_revisions, evaluations and events, and its record is re-chained with the service's own
 * {@link EventLog} under the service's record key (RECORD_KEY, else RECORD_KEY_FILE, default data/record.key), so
 * the record of every clone verifies.
 *
 * <pre>java -cp bench/target/benchmarks.jar th.or.depa.smartcity.bench.SeedPlans JDBC_URL USER PASSWORD COUNT</pre>
 */
public final class SeedPlans {

    private static final int BATCH = 500;

    private SeedPlans() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: SeedPlans JDBC_URL USER PASSWORD COUNT");
            System.exit(2);
        }
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2])) {
            RecordKey key = RecordKey.load(System.getenv("RECORD_KEY"),
                    System.getenv().getOrDefault("RECORD_KEY_FILE", "data/record.key"), false);
            int made = seed(c, Integer.parseInt(args[3]), key);
            System.out.printf("seeded %d plans in %.1f s%n", made, (System.nanoTime() - start) / 1e9);
        }
    }

    /** One stored plan with its rows in every table, as columns → values. */
    private record Template(Map<String, Object> plan, List<Map<String, Object>> revisions,
                            List<Map<String, Object>> evaluations, List<Map<String, Object>> events) {
    }

    static int seed(Connection c, int target, RecordKey key) throws SQLException {
        EventLog log = new EventLog(key);
        c.setAutoCommit(false);
        int have = count(c);
        if (have >= target) {
            return 0;
        }
        List<Template> templates = new ArrayList<>();
        for (Map<String, Object> p : rows(c, "SELECT * FROM plans ORDER BY id", null)) {
            String id = (String) p.get("id");
            templates.add(new Template(p,
                    rows(c, "SELECT * FROM plan_revisions WHERE plan_id = ?", id),
                    rows(c, "SELECT * FROM evaluations WHERE plan_id = ?", id),
                    rows(c, "SELECT * FROM events WHERE plan_id = ? ORDER BY seq", id)));
        }
        if (templates.isEmpty()) {
            throw new IllegalStateException("no plan is stored yet: submit a few through POST /api/plans first");
        }
        Inserter plans = new Inserter(c, "plans", templates.get(0).plan().keySet());
        Inserter revisions = new Inserter(c, "plan_revisions", templates.get(0).revisions().get(0).keySet());
        Inserter evaluations = new Inserter(c, "evaluations", templates.get(0).evaluations().get(0).keySet());
        Inserter events = new Inserter(c, "events", templates.get(0).events().get(0).keySet());
        int made = 0;
        for (int n = have; n < target; n++) {
            Template t = templates.get(n % templates.size());
            String oldId = (String) t.plan().get("id");
            String newId = UUID.randomUUID().toString();
            Map<String, String> ids = new HashMap<>();
            ids.put(oldId, newId);
            for (Map<String, Object> e : t.evaluations()) {
                ids.put((String) e.get("id"), UUID.randomUUID().toString());
            }
            for (Map<String, Object> r : t.revisions()) {
                Map<String, Object> row = new LinkedHashMap<>(r);
                row.put("plan_id", newId);
                revisions.add(row);
            }
            for (Map<String, Object> e : t.evaluations()) {
                Map<String, Object> row = new LinkedHashMap<>(e);
                row.put("id", ids.get((String) e.get("id")));
                row.put("plan_id", newId);
                row.put("result", replaceIds((String) e.get("result"), ids));
                evaluations.add(row);
            }
            Map<String, Object> plan = new LinkedHashMap<>(t.plan());
            plan.put("id", newId);
            plan.put("reference", t.plan().get("reference") + "#" + n);
            Object latest = t.plan().get("latest_evaluation_id");
            plan.put("latest_evaluation_id", latest == null ? null : ids.get((String) latest));
            String result = t.evaluations().stream().filter(r -> r.get("id").equals(latest))
                    .map(r -> replaceIds((String) r.get("result"), ids)).findFirst().orElse(null);
            PlanRowState state = new PlanRowState((String) plan.get("state"), ((Number) plan.get("revision")).intValue(),
                    (String) plan.get("outcome"), (String) plan.get("latest_evaluation_id"), (String) plan.get("certificate"),
                    ((Number) plan.get("review_round")).intValue(), result);
            EventRow[] last = new EventRow[1];
            Object[] head = new Object[4];
            EventDao dao = capturing(last, state, head);
            for (Map<String, Object> e : t.events()) {
                String data = replaceIds((String) e.get("data"), ids);
                String role = (String) e.get("role");
                User actor = e.get("actor_id") == null ? null : new User((String) e.get("actor_id"),
                        (String) e.get("actor"), Role.valueOf(role), null, null, false);
                Integer version = e.get("rule_set_version") == null ? null : ((Number) e.get("rule_set_version")).intValue();
                log.append(dao, newId, new NewEvent((String) e.get("type"), actor, instant(e.get("occurred_at")),
                        (String) e.get("state_before"), (String) e.get("state_after"), (String) e.get("comment"),
                        version, (String) e.get("rule_set_sha256"), data));
                EventRow chained = last[0];
                Map<String, Object> row = new LinkedHashMap<>(e);
                row.put("plan_id", newId);
                row.put("seq", chained.seq());
                row.put("data", data);
                row.put("prev_hash", chained.prevHash());
                row.put("hash", chained.hash());
                row.put("scheme", chained.scheme());
                row.put("plan_row", chained.planRow());
                events.add(row);
            }
            plan.put("record_head", head[1]);
            plan.put("record_count", head[2]);
            plan.put("record_mac", head[3]);
            plans.add(plan);
            made++;
            if (made % BATCH == 0) {
                flush(c, plans, revisions, evaluations, events);
            }
            if (made % 10_000 == 0) {
                System.out.println("  " + (have + made) + " plans");
            }
        }
        flush(c, plans, revisions, evaluations, events);
        return made;
    }

    private static void flush(Connection c, Inserter... inserters) throws SQLException {
        for (Inserter i : inserters) { // plans first: the others reference them
            i.flush();
        }
        c.commit();
    }

    private static int count(Connection c) throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM plans")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String replaceIds(String text, Map<String, String> ids) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Map.Entry<String, String> e : ids.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    private static Instant instant(Object o) {
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof java.time.temporal.TemporalAccessor t) {
            return Instant.from(t);
        }
        throw new IllegalStateException("not a timestamp: " + o);
    }

    /**
     * An EventDao that only remembers the row EventLog appends and the head it signs, so that the service's hashing
     * chains the clone; the clone's plan row is the one each event vouches for.
     */
    private static EventDao capturing(EventRow[] last, PlanRowState row, Object[] head) {
        return (EventDao) Proxy.newProxyInstance(EventDao.class.getClassLoader(), new Class<?>[]{EventDao.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "last" -> Optional.ofNullable(last[0]);
                    case "rowState" -> Optional.of(row);
                    case "moveHead" -> {
                        System.arraycopy(args, 0, head, 0, 4);
                        yield null;
                    }
                    case "insert", "insertRow", "insertRows" -> {
                        last[0] = args[0] instanceof List<?> rows ? (EventRow) rows.get(rows.size() - 1)
                                : (EventRow) args[0];
                        yield null;
                    }
                    case "toString" -> "capturing EventDao";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    private static List<Map<String, Object>> rows(Connection c, String sql, String param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i).toLowerCase(), rs.getObject(i));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    /** A batched INSERT of whole rows, whatever columns the table has. */
    private static final class Inserter {
        private final PreparedStatement ps;
        private final List<String> columns;
        private int pending;

        Inserter(Connection c, String table, java.util.Collection<String> columns) throws SQLException {
            this.columns = List.copyOf(columns);
            this.ps = c.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", this.columns)
                    + ") VALUES (" + String.join(", ", java.util.Collections.nCopies(this.columns.size(), "?")) + ")");
        }

        void add(Map<String, Object> row) throws SQLException {
            for (int i = 0; i < columns.size(); i++) {
                ps.setObject(i + 1, row.get(columns.get(i)));
            }
            ps.addBatch();
            pending++;
        }

        void flush() throws SQLException {
            if (pending > 0) {
                ps.executeBatch();
                pending = 0;
            }
        }
    }
}
