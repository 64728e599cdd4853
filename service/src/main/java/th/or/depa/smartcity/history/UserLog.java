package th.or.depa.smartcity.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.store.RecordHeadDao;
import th.or.depa.smartcity.store.UserDao;
import th.or.depa.smartcity.store.UserEventDao;
import th.or.depa.smartcity.store.UserEventDao.UserEventRow;
import th.or.depa.smartcity.store.UserRow;

/**
 * The users' record: creating a user (with its role and first token) and revoking tokens, and what happened to
 * each rule-set version (RuleSetLog), chained and signed with the record key like a plan's record. verify-record also replays it against the users and tokens tables, so a
 * role changed or a token slipped in behind the service's back shows.
 */
public final class UserLog {

    public static final String CREATED = "USER_CREATED";
    public static final String REVOKED = "TOKENS_REVOKED";
    /** A new token for an existing user (POST /api/users/{id}/tokens); its earlier tokens stay as they were. */
    public static final String TOKEN_ISSUED = "TOKEN_ISSUED";
    /** A user that existed before the users' record was kept, as it stood then (RecordKeeping). */
    public static final String EXISTING = "USER_EXISTING";
    /** An organisation registered (OrganisationRecord); a CITY user acts for one. */
    public static final String ORGANISATION_CREATED = "ORGANISATION_CREATED";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordKey key;

    public UserLog(RecordKey key) {
        this.key = key;
    }

    /** A token as the record names it: the first 16 hex digits of its SHA-256 (the hash itself stays in tokens). */
    public static String tokenId(String tokenHash) {
        return tokenHash.substring(0, 16);
    }

    public static Map<String, Object> user(UserRow u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("name", u.name());
        m.put("role", u.role());
        m.put("organisation", u.organisation());
        m.put("body", u.body());
        m.put("chair", u.chair());
        m.put("active", u.active());
        return m;
    }

    /** Makes the record's empty signed head once (at start), so appends only ever lock and move it. */
    public void open(Handle h) {
        RecordHeadDao heads = h.attach(RecordHeadDao.class);
        if (heads.find(RecordHeadDao.USERS).isEmpty()) {
            heads.insert(new RecordHeadDao.Head(RecordHeadDao.USERS, 0, null, headMac(0, null)));
        }
    }

    /** Appends in the caller's transaction; the head's row lock serialises appends. actor null: the command line. */
    public UserEventRow append(Handle h, String type, User actor, Instant at, String subjectId, Map<String, ?> data) {
        return append(h, type, actor, actor == null ? "command line" : actor.name(), at, subjectId, data);
    }

    /** As above, naming an actor that is not a user when actor is null (the rules folder). */
    UserEventRow append(Handle h, String type, User actor, String actorName, Instant at, String subjectId,
                        Map<String, ?> data) {
        RecordHeadDao heads = h.attach(RecordHeadDao.class);
        RecordHeadDao.Head head = heads.lock(RecordHeadDao.USERS).orElseThrow(() -> new IllegalStateException(
                "the users' record has no head yet: start the service once"));
        UserEventRow unsigned = new UserEventRow(head.eventCount() + 1, type, actor == null ? null : actor.id(),
                actorName, actor == null ? null : actor.role().name(), at,
                subjectId, write(data), head.lastHash(), null);
        UserEventRow row = new UserEventRow(unsigned.seq(), type, unsigned.actorId(), unsigned.actor(),
                unsigned.role(), at, subjectId, unsigned.data(), unsigned.prevHash(), hash(unsigned));
        h.attach(UserEventDao.class).insert(row);
        heads.update(new RecordHeadDao.Head(RecordHeadDao.USERS, row.seq(), row.hash(), headMac(row.seq(), row.hash())));
        return row;
    }

    /** The chain, its signed head, and the users and tokens tables against what the record says they are. */
    public RecordCheck check(Handle h) {
        List<UserEventRow> all = h.attach(UserEventDao.class).all();
        RecordHeadDao.Head head = h.attach(RecordHeadDao.class).find(RecordHeadDao.USERS).orElse(null);
        String prev = null;
        int expectedSeq = 1;
        Map<String, Map<String, Object>> users = new HashMap<>();
        Map<String, Token> tokens = new HashMap<>();
        for (UserEventRow e : all) {
            if (e.seq() != expectedSeq++) {
                return RecordCheck.at(e.seq(), e.type(), "expected event " + (expectedSeq - 1)
                        + " here: an event was removed or moved");
            }
            if (!Objects.equals(prev, e.prevHash())) {
                return RecordCheck.at(e.seq(), e.type(), "does not link to the event before it");
            }
            if (!hash(e).equals(e.hash())) {
                return RecordCheck.at(e.seq(), e.type(), "its hash does not match its content under the record key");
            }
            replay(e, users, tokens);
            prev = e.hash();
        }
        if (head == null || !head.mac().equals(headMac(head.eventCount(), head.lastHash()))) {
            return RecordCheck.whole("the signed head of the record does not match its signature (head moved)");
        }
        if (head.eventCount() != all.size() || !Objects.equals(head.lastHash(), prev)) {
            return RecordCheck.whole("the signed head counts " + head.eventCount() + " events, the record holds "
                    + all.size() + " (events removed or added)");
        }
        RecordCheck tables = tables(h, users, tokens);
        if (!tables.ok()) {
            return tables;
        }
        RecordCheck organisations = OrganisationRecord.tables(h, all);
        return organisations.ok() ? RuleSetLog.tables(h, all) : organisations;
    }

    private record Token(String userId, boolean revoked) {
    }

    @SuppressWarnings("unchecked")
    private static void replay(UserEventRow e, Map<String, Map<String, Object>> users, Map<String, Token> tokens) {
        Map<String, Object> d = Canonical.read(e.data());
        switch (e.type()) {
            case CREATED -> {
                users.put(e.subjectId(), (Map<String, Object>) d.get("user"));
                tokens.put((String) d.get("tokenId"), new Token(e.subjectId(), false));
            }
            case EXISTING -> {
                users.put(e.subjectId(), (Map<String, Object>) d.get("user"));
                for (Map<String, Object> t : (List<Map<String, Object>>) d.get("tokens")) {
                    tokens.put((String) t.get("tokenId"), new Token(e.subjectId(), Boolean.TRUE.equals(t.get("revoked"))));
                }
            }
            case TOKEN_ISSUED -> tokens.put((String) d.get("tokenId"), new Token(e.subjectId(), false));
            case REVOKED -> {
                for (Object id : (List<Object>) d.get("tokenIds")) {
                    tokens.put((String) id, new Token(e.subjectId(), true));
                }
            }
            default -> { }
        }
    }

    /** The first user or token whose row disagrees with the record (added, changed or removed behind its back). */
    private static RecordCheck tables(Handle h, Map<String, Map<String, Object>> users, Map<String, Token> tokens) {
        Map<String, Map<String, Object>> left = new HashMap<>(users);
        for (UserRow u : h.attach(UserDao.class).list()) {
            Map<String, Object> recorded = left.remove(u.id());
            Map<String, Object> now = Canonical.read(write(user(u)));
            if (recorded == null) {
                return RecordCheck.whole("user " + u.id() + " is not in the record");
            }
            if (!new TreeMap<>(recorded).equals(now)) {
                return RecordCheck.whole("user " + u.id() + " differs from the record: " + now + " in the table, "
                        + new TreeMap<>(recorded) + " in the record");
            }
        }
        if (!left.isEmpty()) {
            return RecordCheck.whole("user " + left.keySet().iterator().next() + " is in the record but not in the table");
        }
        Map<String, Token> tokensLeft = new HashMap<>(tokens);
        for (UserEventDao.TokenRow t : h.attach(UserEventDao.class).tokens()) {
            String id = tokenId(t.tokenHash());
            Token recorded = tokensLeft.remove(id);
            if (recorded == null || !recorded.userId().equals(t.userId())) {
                return RecordCheck.whole("token " + id + " of user " + t.userId() + " was never issued in the record");
            }
            if (recorded.revoked() != (t.revokedAt() != null)) {
                return RecordCheck.whole("token " + id + " of user " + t.userId() + " is "
                        + (t.revokedAt() == null ? "live" : "revoked") + " in the table, not in the record");
            }
        }
        return RecordCheck.OK;
    }

    private String headMac(int count, String lastHash) {
        return key.mac("users-head\n" + count + "\n" + lastHash);
    }

    String hash(UserEventRow e) {
        Map<String, Object> c = new TreeMap<>();
        c.put("seq", e.seq());
        c.put("type", e.type());
        c.put("actorId", e.actorId());
        c.put("actor", e.actor());
        c.put("role", e.role());
        c.put("at", e.occurredAt() == null ? null : e.occurredAt().toString());
        c.put("subjectId", e.subjectId());
        c.put("data", e.data());
        c.put("prevHash", e.prevHash());
        return key.mac(Canonical.json(c));
    }

    static String write(Object data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Events and whether the whole users' record verifies, read in one snapshot. */
    public record Listing(List<UserEventRow> events, RecordCheck check) {
    }
}
