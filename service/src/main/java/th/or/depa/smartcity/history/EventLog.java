package th.or.depa.smartcity.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import th.or.depa.smartcity.store.EventDao;
import th.or.depa.smartcity.store.EventRow;
import th.or.depa.smartcity.store.PlanRowState;

/**
 * A plan's tamper-evident record. Each event's hash is an HMAC-SHA-256, under the record key, of its canonical
 * content: the previous event's hash and the plan row as the write left it included. The plan's head (last hash
 * and number of events) is signed with the same key, so re-chaining an edit, dropping the last events or editing
 * the plan row all show without the key. Events from before the key carry scheme SHA256 and are sealed by a keyed
 * RECORD_KEYED event (RecordKeeping).
 */
public final class EventLog {

    public static final String KEYED = "HMAC";
    public static final String UNKEYED = "SHA256";

    /** Told of every append inside its transaction (the outbox of notifications); must not call out of the database. */
    public interface Listener {
        void appended(org.jdbi.v3.core.Handle h, String planId, List<EventRow> events);
    }

    private final RecordKey key;
    private final Listener listener;

    public EventLog(RecordKey key) {
        this(key, (h, planId, events) -> { });
    }

    public EventLog(RecordKey key, Listener listener) {
        this.key = key;
        this.listener = listener;
    }

    /**
     * Appends within the caller's transaction, after it has written the plan row (each event vouches for that
     * row); the plan row's lock serialises appends to one plan.
     */
    public List<EventRow> append(EventDao events, String planId, NewEvent... e) {
        return chain(events, events.last(planId).orElse(null), planId, e);
    }

    /** A new plan's first events, chained and signed before anything is written, with the head they leave. */
    public record Opening(String planId, List<EventRow> events, String head, int count, String mac) {
    }

    /**
     * The first events of a new plan, signed in memory over the row it is about to insert (nothing to read back):
     * the caller inserts the plan row with the head and these events in one transaction (store/SubmissionWriter),
     * and tells the listener itself. No read-back of the row and no head update afterwards.
     */
    public Opening open(String planId, PlanRowState row, NewEvent... es) {
        String vouched = planRow(row);
        List<EventRow> rows = new ArrayList<>(es.length);
        EventRow last = null;
        for (NewEvent e : es) {
            last = signed(planId, last, e, vouched);
            rows.add(last);
        }
        return new Opening(planId, List.copyOf(rows), last.hash(), last.seq(), headMac(planId, last.seq(), last.hash()));
    }

    private List<EventRow> chain(EventDao events, EventRow last, String planId, NewEvent... es) {
        String row = planRow(events.rowState(planId).orElseThrow(
                () -> new IllegalStateException("plan " + planId + " has no row to record")));
        List<EventRow> rows = new ArrayList<>(es.length);
        for (NewEvent e : es) {
            last = signed(planId, last, e, row);
            rows.add(last);
        }
        events.insert(rows);
        events.moveHead(planId, last.hash(), last.seq(), headMac(planId, last.seq(), last.hash()));
        listener.appended(events.getHandle(), planId, rows);
        return rows;
    }

    private EventRow signed(String planId, EventRow last, NewEvent e, String row) {
        int seq = last == null ? 1 : last.seq() + 1;
        String prev = last == null ? null : last.hash();
        String actorId = e.actor() == null ? null : e.actor().id();
        String actor = e.actor() == null ? null : e.actor().name();
        // the service's own events (EXPIRED) carry the actor "system" and no role
        String role = e.actor() == null || e.actor().role() == null ? null : e.actor().role().name();
        EventRow unsigned = new EventRow(planId, seq, e.type(), actorId, actor, role, e.at(), e.stateBefore(),
                e.stateAfter(), e.comment(), e.ruleSetVersion(), e.ruleSetSha256(), e.data(), prev, null, KEYED, row);
        return new EventRow(planId, seq, e.type(), actorId, actor, role, e.at(), e.stateBefore(),
                e.stateAfter(), e.comment(), e.ruleSetVersion(), e.ruleSetSha256(), e.data(), prev, hash(unsigned),
                KEYED, row);
    }

    /** The plan's whole record verifies: read in the caller's snapshot, so a concurrent append is not tampering. */
    public RecordCheck check(EventDao events, String planId) {
        return check(planId, events.all(planId), events.head(planId).orElse(null),
                events.rowState(planId).orElse(null));
    }

    public boolean verify(EventDao events, String planId) {
        return check(events, planId).ok();
    }

    /**
     * The chain from seq 1 on (each hash matches its content, each event links to the one before, unkeyed events
     * only before the first keyed one), its signed head (count and last hash), and the plan row it vouches for.
     */
    public RecordCheck check(String planId, List<EventRow> all, EventDao.Head head, PlanRowState row) {
        RecordCheck chain = checkChain(planId, all, head);
        if (!chain.ok()) {
            return chain;
        }
        EventRow last = all.get(all.size() - 1);
        String now = row == null ? null : planRow(row);
        if (!Objects.equals(now, last.planRow())) {
            return RecordCheck.at(last.seq(), last.type(), "the plan row disagrees with the record: "
                    + difference(last.planRow(), now));
        }
        return RecordCheck.OK;
    }

    /** The chain and its signed head alone, without the plan row (bulk checks read rows apart). */
    public RecordCheck checkChain(String planId, List<EventRow> all, EventDao.Head head) {
        String prev = null;
        int expectedSeq = 1;
        boolean keyed = false;
        for (EventRow e : all) {
            if (e.seq() != expectedSeq) {
                return RecordCheck.at(e.seq(), e.type(), "expected event " + expectedSeq
                        + " here: an event was removed or moved");
            }
            if (!Objects.equals(prev, e.prevHash())) {
                return RecordCheck.at(e.seq(), e.type(), "does not link to the event before it");
            }
            if (KEYED.equals(e.scheme())) {
                keyed = true;
                if (!hash(e).equals(e.hash())) {
                    return RecordCheck.at(e.seq(), e.type(), "its hash does not match its content under the record key");
                }
            } else if (keyed || !UNKEYED.equals(e.scheme())) {
                return RecordCheck.at(e.seq(), e.type(), "an unkeyed event after the record was keyed");
            } else if (!hash(e).equals(e.hash())) {
                return RecordCheck.at(e.seq(), e.type(), "its hash does not match its content");
            }
            prev = e.hash();
            expectedSeq++;
        }
        if (all.isEmpty()) {
            return RecordCheck.whole("the plan has no record");
        }
        EventRow last = all.get(all.size() - 1);
        if (!keyed) {
            return RecordCheck.at(last.seq(), last.type(), "the record was never sealed with the record key");
        }
        if (head == null || head.recordMac() == null || head.recordCount() == null
                || !head.recordMac().equals(headMac(planId, head.recordCount(), head.recordHead()))) {
            return RecordCheck.whole("the signed head of the record does not match its signature (head moved)");
        }
        if (head.recordCount() != all.size()) {
            return RecordCheck.whole("the signed head counts " + head.recordCount() + " events, the record holds "
                    + all.size() + " (events " + (all.size() < head.recordCount() ? "removed" : "added") + ")");
        }
        if (!Objects.equals(head.recordHead(), last.hash())) {
            return RecordCheck.at(last.seq(), last.type(), "the record does not end at its signed head");
        }
        return RecordCheck.OK;
    }

    String headMac(String planId, int count, String lastHash) {
        return key.mac("plan-head\n" + planId + "\n" + count + "\n" + lastHash);
    }

    /** The plan row as an event vouches for it; the evaluation's stored result and the certificate by their hash. */
    static String planRow(PlanRowState s) {
        Map<String, Object> c = new TreeMap<>();
        c.put("state", s.state());
        c.put("revision", s.revision());
        c.put("outcome", s.outcome());
        c.put("latestEvaluationId", s.latestEvaluationId());
        c.put("evaluationSha256", Canonical.sha256(s.evaluation()));
        c.put("certificateSha256", Canonical.sha256(s.certificate()));
        c.put("reviewRound", s.reviewRound());
        return Canonical.json(c);
    }

    private static String difference(String recorded, String now) {
        Map<String, Object> was = Canonical.read(recorded);
        Map<String, Object> is = Canonical.read(now);
        List<String> fields = new ArrayList<>();
        for (String k : new java.util.TreeSet<>(was.keySet())) {
            if (!Objects.equals(was.get(k), is.get(k))) {
                fields.add(k + " is " + is.get(k) + " in the plan row, " + was.get(k) + " in the record");
            }
        }
        return fields.isEmpty() ? "the plan row is missing" : String.join("; ", fields);
    }

    /** Keyed events: HMAC of the content with scheme and plan row; unkeyed (old) ones: SHA-256 as they were made. */
    String hash(EventRow e) {
        return KEYED.equals(e.scheme()) ? key.mac(content(e)) : Canonical.sha256(content(e));
    }

    /** The canonical text an event is hashed as; unkeyed events without the fields they never had. */
    static String content(EventRow e) {
        Map<String, Object> c = new TreeMap<>();
        c.put("planId", e.planId());
        c.put("seq", e.seq());
        c.put("type", e.type());
        c.put("actorId", e.actorId());
        c.put("actor", e.actor());
        c.put("role", e.role());
        c.put("at", e.occurredAt() == null ? null : e.occurredAt().toString());
        c.put("stateBefore", e.stateBefore());
        c.put("stateAfter", e.stateAfter());
        c.put("comment", e.comment());
        c.put("ruleSetVersion", e.ruleSetVersion());
        c.put("ruleSetSha256", e.ruleSetSha256());
        c.put("data", e.data());
        c.put("prevHash", e.prevHash());
        if (KEYED.equals(e.scheme())) {
            c.put("scheme", e.scheme());
            c.put("planRow", e.planRow());
        }
        return Canonical.json(c);
    }
}
