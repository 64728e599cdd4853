package th.or.depa.smartcity.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.store.RecordHeadDao;
import th.or.depa.smartcity.store.RuleSetDao;
import th.or.depa.smartcity.store.RuleSetRow;
import th.or.depa.smartcity.store.UserEventDao;
import th.or.depa.smartcity.store.UserEventDao.UserEventRow;

/**
 * What happened to each rule-set version (proposed, activated, retired, rolled back to), as events of the users'
 * record: chained and signed with the record key. Each event carries the version's row as the change left it, so
 * verify-record replays the record against the rule_sets table and a row changed behind the service's back (its
 * status, who activated it, its files) shows like a changed user.
 */
public final class RuleSetLog {

    public static final String PROPOSED = "RULESET_PROPOSED";
    public static final String ACTIVATED = "RULESET_ACTIVATED";
    public static final String RETIRED = "RULESET_RETIRED";
    public static final String ROLLED_BACK = "RULESET_ROLLED_BACK";
    /** A version stored before rule sets were recorded, as it stood then (adopt). */
    public static final String EXISTING = "RULESET_EXISTING";

    private static final String PREFIX = "RULESET_";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UserLog log;

    public RuleSetLog(RecordKey key) {
        this.log = new UserLog(key);
    }

    /**
     * Appends in the caller's transaction the event of a version whose row now reads row. actor null: byName is
     * not a user (the rules folder).
     */
    public void append(Handle h, String type, User actor, String byName, Instant at, RuleSetRow row,
                       Map<String, ?> more) {
        Map<String, Object> data = new LinkedHashMap<>(more);
        data.put("row", row(row));
        log.append(h, type, actor, byName, at, subject(row.version()), data);
    }

    /**
     * Once, when the record holds no rule-set event yet (a database from before they were recorded): each stored
     * version as it stands, so that from here on every change is recorded and checked.
     */
    public void adopt(Handle h, Instant at) {
        h.attach(RecordHeadDao.class).lock(RecordHeadDao.USERS); // two instances starting at once adopt once
        if (h.attach(UserEventDao.class).anyOfType(PREFIX)) {
            return;
        }
        for (RuleSetRow r : h.attach(RuleSetDao.class).all()) {
            append(h, EXISTING, null, "the service at start", at, r, Map.of());
        }
    }

    static String subject(int version) {
        return "ruleset:" + version;
    }

    /** What the record vouches for of a version: every column but the files, which its sha256 stands for. */
    static Map<String, Object> row(RuleSetRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", r.version());
        m.put("sha256", r.sha256());
        m.put("note", r.note());
        m.put("proposedBy", r.createdBy());
        m.put("proposerId", r.proposerId());
        m.put("proposedAt", text(r.createdAt()));
        m.put("status", r.status());
        m.put("statusAt", text(r.statusAt()));
        m.put("activatedBy", r.activatedBy());
        m.put("activatedById", r.activatedById());
        m.put("activatedAt", text(r.activatedAt()));
        m.put("retiredAt", text(r.retiredAt()));
        m.put("rolledBackBy", r.rolledBackBy());
        m.put("rolledBackById", r.rolledBackById());
        m.put("rolledBackAt", text(r.rolledBackAt()));
        m.put("tests", r.tests());
        return m;
    }

    /** The first rule-set row that disagrees with the record's last word on it, or whose files are not its sha256. */
    @SuppressWarnings("unchecked")
    static RecordCheck tables(Handle h, List<UserEventRow> events) {
        Map<Integer, Map<String, Object>> recorded = new HashMap<>();
        for (UserEventRow e : events) {
            if (e.type().startsWith(PREFIX)) {
                Map<String, Object> row = (Map<String, Object>) Canonical.read(e.data()).get("row");
                if (row != null && row.get("version") instanceof Number v) {
                    recorded.put(v.intValue(), row);
                }
            }
        }
        for (RuleSetRow r : h.attach(RuleSetDao.class).all()) {
            Map<String, Object> expected = recorded.remove(r.version());
            Map<String, Object> now = Canonical.read(UserLog.write(row(r)));
            if (expected == null) {
                return RecordCheck.whole("rule set " + r.version() + " is not in the record");
            }
            if (!new TreeMap<>(expected).equals(now)) {
                return RecordCheck.whole("rule set " + r.version() + " differs from the record: " + now
                        + " in the table, " + new TreeMap<>(expected) + " in the record");
            }
            if (!r.sha256().equals(sha256OfFiles(r.files()))) {
                return RecordCheck.whole("rule set " + r.version() + ": its files are not the files its sha256 "
                        + "names (changed in the table)");
            }
        }
        if (!recorded.isEmpty()) {
            return RecordCheck.whole("rule set " + recorded.keySet().iterator().next()
                    + " is in the record but not in the table");
        }
        return RecordCheck.OK;
    }

    private static String sha256OfFiles(String files) {
        try {
            return new RuleFiles(JSON.readValue(files, new TypeReference<Map<String, String>>() { })).sha256();
        } catch (JsonProcessingException e) {
            return "unreadable";
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
