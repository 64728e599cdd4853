package th.or.depa.smartcity.history;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.store.OrganisationDao;
import th.or.depa.smartcity.store.OrganisationRow;
import th.or.depa.smartcity.store.UserEventDao.UserEventRow;

/**
 * Registering an organisation, as an event of the users' record (UserLog.ORGANISATION_CREATED); verify-record also
 * checks the organisations table against it, so a province changed behind the service's back shows.
 */
public final class OrganisationRecord {

    private final UserLog log;

    public OrganisationRecord(RecordKey key) {
        this.log = new UserLog(key);
    }

    /** Appends in the caller's transaction (the one that inserts the row); admin null: the command line. */
    public void created(Handle h, User admin, OrganisationRow row) {
        log.append(h, UserLog.ORGANISATION_CREATED, admin, row.createdAt(), subject(row.id()),
                Map.of("organisation", row(row)));
    }

    static String subject(String id) {
        return "organisation:" + id;
    }

    /** What the record vouches for of an organisation: every column. */
    static Map<String, Object> row(OrganisationRow o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("nameTh", o.nameTh());
        m.put("nameEn", o.nameEn());
        m.put("province", o.province());
        m.put("kind", o.kind());
        m.put("createdAt", o.createdAt().toString());
        m.put("createdBy", o.createdBy());
        return m;
    }

    /** The first organisation whose row disagrees with the record (added, changed or removed behind its back). */
    @SuppressWarnings("unchecked")
    static RecordCheck tables(Handle h, List<UserEventRow> events) {
        Map<String, Map<String, Object>> recorded = new HashMap<>();
        for (UserEventRow e : events) {
            if (e.type().equals(UserLog.ORGANISATION_CREATED)) {
                Map<String, Object> o = (Map<String, Object>) Canonical.read(e.data()).get("organisation");
                recorded.put(String.valueOf(o.get("id")), o);
            }
        }
        for (OrganisationRow o : h.attach(OrganisationDao.class).list()) {
            Map<String, Object> expected = recorded.remove(o.id());
            Map<String, Object> now = Canonical.read(UserLog.write(row(o)));
            if (expected == null) {
                return RecordCheck.whole("organisation " + o.id() + " is not in the record");
            }
            if (!new TreeMap<>(expected).equals(now)) {
                return RecordCheck.whole("organisation " + o.id() + " differs from the record: " + now
                        + " in the table, " + new TreeMap<>(expected) + " in the record");
            }
        }
        if (!recorded.isEmpty()) {
            return RecordCheck.whole("organisation " + recorded.keySet().iterator().next()
                    + " is in the record but not in the table");
        }
        return RecordCheck.OK;
    }
}
