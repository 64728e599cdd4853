package th.or.depa.smartcity.history;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import th.or.depa.smartcity.store.EventDao;
import th.or.depa.smartcity.store.EventRow;
import th.or.depa.smartcity.store.PlanDao;
import th.or.depa.smartcity.store.PlanRow;
import th.or.depa.smartcity.store.RecordHeadDao;
import th.or.depa.smartcity.store.UserDao;
import th.or.depa.smartcity.store.UserEventDao;
import th.or.depa.smartcity.store.UserRow;

/**
 * Binds the database to its record key at start: the key's fingerprint is stored the first time, and a later
 * start with another key is refused (it would fork the record). The first keyed start also seals what was written
 * before the key: each plan's unkeyed chain that still verifies gets a keyed RECORD_KEYED event, and each user a
 * USER_EXISTING event.
 */
public final class RecordKeeping {

    private static final Logger LOG = LoggerFactory.getLogger(RecordKeeping.class);

    private RecordKeeping() {
    }

    /** The key the database's record is signed with; a new key is made only for a database that has none yet. */
    public static RecordKey open(Jdbi jdbi, String keyText, String keyFile, Clock clock) {
        Optional<RecordHeadDao.Head> bound = jdbi.withExtension(RecordHeadDao.class, d -> d.find(RecordHeadDao.KEY));
        RecordKey key = RecordKey.load(keyText, keyFile, bound.isEmpty());
        if (bound.isPresent()) {
            requireSameKey(bound.get(), key);
        } else {
            try {
                jdbi.useTransaction(h -> {
                    h.attach(RecordHeadDao.class).insert(new RecordHeadDao.Head(RecordHeadDao.KEY, 0, null,
                            key.fingerprint()));
                    new UserLog(key).open(h);
                    adoptUsers(h, new UserLog(key), clock);
                });
            } catch (org.jdbi.v3.core.JdbiException raced) {
                // another instance bound the key first: it must be this one
                requireSameKey(jdbi.withExtension(RecordHeadDao.class, d -> d.find(RecordHeadDao.KEY))
                        .orElseThrow(() -> raced), key);
            }
        }
        adoptPlans(jdbi, new EventLog(key), clock);
        return key;
    }

    /** The key for reading the record (verify-record): never made, and it must be the one the record was signed with. */
    public static RecordKey existing(Jdbi jdbi, String keyText, String keyFile) {
        RecordKey key = RecordKey.load(keyText, keyFile, false);
        jdbi.withExtension(RecordHeadDao.class, d -> d.find(RecordHeadDao.KEY)).ifPresent(b -> requireSameKey(b, key));
        return key;
    }

    private static void requireSameKey(RecordHeadDao.Head bound, RecordKey key) {
        if (!bound.mac().equals(key.fingerprint())) {
            throw new IllegalStateException("the record key (RECORD_KEY or the key file) is not the key this "
                    + "database's record is signed with: restore the key from its backup (README, The record and its key)");
        }
    }

    private static void adoptUsers(Handle h, UserLog log, Clock clock) {
        Instant now = now(clock);
        Map<String, List<UserEventDao.TokenRow>> tokens = h.attach(UserEventDao.class).tokens().stream()
                .collect(Collectors.groupingBy(UserEventDao.TokenRow::userId));
        for (UserRow u : h.attach(UserDao.class).list()) {
            List<Map<String, Object>> own = tokens.getOrDefault(u.id(), List.of()).stream()
                    .map(t -> Map.<String, Object>of("tokenId", UserLog.tokenId(t.tokenHash()),
                            "revoked", t.revokedAt() != null)).toList();
            log.append(h, UserLog.EXISTING, null, now, u.id(), Map.of("user", UserLog.user(u), "tokens", own));
        }
    }

    /** Seals each plan whose record is not signed yet, if its unkeyed chain verifies; others stay for verify-record. */
    private static void adoptPlans(Jdbi jdbi, EventLog log, Clock clock) {
        List<String> unsigned = jdbi.withExtension(EventDao.class, EventDao::unsigned);
        int sealed = 0;
        for (String id : unsigned) {
            boolean ok = jdbi.inTransaction(h -> {
                Optional<PlanRow> p = h.attach(PlanDao.class).lock(id);
                EventDao events = h.attach(EventDao.class);
                List<EventRow> all = events.all(id);
                String head = events.head(id).map(EventDao.Head::recordHead).orElse(null);
                if (p.isEmpty() || all.isEmpty() || !unkeyedIntact(log, all, head)) {
                    return false;
                }
                String state = p.get().state();
                log.append(events, id, new NewEvent("RECORD_KEYED", null, now(clock), state, state,
                        "the record is signed with the record key from here on; the " + all.size()
                                + " events before were checked with the unkeyed SHA-256 chain", null, null, null));
                return true;
            });
            if (ok) {
                sealed++;
            } else {
                LOG.warn("plan {}: its record written before the record key does not verify; it was not sealed and "
                        + "verify-record will report it", id);
            }
        }
        if (!unsigned.isEmpty()) {
            LOG.info("record key adopted: {} of {} plans' records sealed", sealed, unsigned.size());
        }
    }

    private static boolean unkeyedIntact(EventLog log, List<EventRow> all, String head) {
        String prev = null;
        for (int i = 0; i < all.size(); i++) {
            EventRow e = all.get(i);
            if (e.seq() != i + 1 || !EventLog.UNKEYED.equals(e.scheme()) || !Objects.equals(prev, e.prevHash())
                    || !log.hash(e).equals(e.hash())) {
                return false;
            }
            prev = e.hash();
        }
        return prev.equals(head);
    }

    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
