package th.or.depa.smartcity.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import th.or.depa.smartcity.store.EventDao;
import th.or.depa.smartcity.store.EventRow;

/**
 * The tamper-evident record: each event's hash is SHA-256 over its canonical content, which includes the
 * previous event's hash. Editing, deleting or reordering rows behind the service's back breaks the chain.
 */
public final class EventLog {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private EventLog() {
    }

    /** Appends within the caller's transaction; the plan row's lock serialises appends to one plan. */
    public static List<EventRow> append(EventDao events, String planId, NewEvent... e) {
        return chain(events, events.last(planId).orElse(null), planId, e);
    }

    /** The first events of a plan inserted in the caller's transaction: there is nothing before them to read. */
    public static List<EventRow> start(EventDao events, String planId, NewEvent... e) {
        return chain(events, null, planId, e);
    }

    private static List<EventRow> chain(EventDao events, EventRow last, String planId, NewEvent... es) {
        List<EventRow> rows = new ArrayList<>(es.length);
        for (NewEvent e : es) {
            last = signed(planId, last, e);
            rows.add(last);
        }
        events.insert(rows);
        return rows;
    }

    private static EventRow signed(String planId, EventRow last, NewEvent e) {
        int seq = last == null ? 1 : last.seq() + 1;
        String prev = last == null ? null : last.hash();
        String actorId = e.actor() == null ? null : e.actor().id();
        String actor = e.actor() == null ? null : e.actor().name();
        String role = e.actor() == null ? null : e.actor().role().name();
        EventRow unsigned = new EventRow(planId, seq, e.type(), actorId, actor, role, e.at(), e.stateBefore(),
                e.stateAfter(), e.comment(), e.ruleSetVersion(), e.ruleSetSha256(), e.data(), prev, null);
        return new EventRow(planId, seq, e.type(), actorId, actor, role, e.at(), e.stateBefore(),
                e.stateAfter(), e.comment(), e.ruleSetVersion(), e.ruleSetSha256(), e.data(), prev, hash(unsigned));
    }

    /** The plan's whole record verifies: an intact chain that ends at the head stored with the plan. */
    public static boolean verify(EventDao events, String planId) {
        List<EventRow> all = events.all(planId);
        String head = events.head(planId).orElse(null);
        return verify(all) && Objects.equals(head, all.isEmpty() ? null : all.get(all.size() - 1).hash());
    }

    /** True when every event's hash matches its content and links to the one before, from seq 1 on. */
    public static boolean verify(List<EventRow> events) {
        String prev = null;
        int expectedSeq = 1;
        for (EventRow e : events) {
            if (e.seq() != expectedSeq++ || !Objects.equals(prev, e.prevHash()) || !hash(e).equals(e.hash())) {
                return false;
            }
            prev = e.hash();
        }
        return true;
    }

    static String hash(EventRow e) {
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
        try {
            byte[] bytes = CANONICAL.writeValueAsString(c).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
