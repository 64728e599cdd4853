package th.or.depa.smartcity.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.cli.VerifyRecordCommand;
import th.or.depa.smartcity.store.EventDao;
import th.or.depa.smartcity.store.EventRow;
import th.or.depa.smartcity.support.Api;

/**
 * The keyed record against someone who can write the database but does not hold the record key: verify-record
 * catches an edited plan row, an edited event re-chained without the key, a truncated chain and an edited user;
 * an untouched record passes. Run per database; the untouched check runs first, the users' edit last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RecordContract {

    abstract DropwizardAppExtension<SmartCityConfiguration> app();

    Api api() {
        return new Api(app());
    }

    String city;
    String office;
    String admin;

    @BeforeAll
    void users() {
        city = api().city("rec-" + UUID.randomUUID());
        office = api().token(Role.OFFICE, null, null, false);
        admin = api().token(Role.ADMIN, null, null, false);
    }

    /** Verify-record's exit status and what it printed on standard error. */
    record Verdict(int status, String err) {
    }

    Verdict verifyRecord() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = VerifyRecordCommand.verify(api().jdbi(), api().recordKey(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Verdict(status, err.toString(StandardCharsets.UTF_8));
    }

    /** A plan with four events: submitted, evaluated, sent back for revision (ACTION), and a vote-free comment. */
    String plan() {
        String id = api().post("/api/plans", city, Api.example("phuket-livable-pass")).body().get("plan").get("id").asText();
        assertEquals(200, api().post("/api/plans/" + id + "/actions", office,
                "{\"action\":\"REQUEST_REVISION\",\"comment\":\"more KPIs\"}").status());
        assertTrue(chainVerified(id));
        return id;
    }

    boolean chainVerified(String id) {
        return api().get("/api/plans/" + id + "/history", office).body().get("chainVerified").asBoolean();
    }

    void sql(String statement, Object... args) {
        api().jdbi().useHandle(h -> h.execute(statement, args));
    }

    List<EventRow> events(String id) {
        return api().jdbi().withExtension(EventDao.class, d -> d.all(id));
    }

    /**
     * What an attacker with the database alone does: edits event `from`'s comment and re-chains it and every later
     * event with `rehash` (and scheme), then points the plan's head at the new last hash.
     */
    void rechain(String id, int from, String scheme, Function<EventRow, String> rehash) {
        Jdbi jdbi = api().jdbi();
        String prev = null;
        for (EventRow e : events(id)) {
            if (e.seq() >= from) {
                EventRow edited = new EventRow(e.planId(), e.seq(), e.type(), e.actorId(), e.actor(), e.role(),
                        e.occurredAt(), e.stateBefore(), e.stateAfter(), e.seq() == from ? "never said" : e.comment(),
                        e.ruleSetVersion(), e.ruleSetSha256(), e.data(), prev, null, scheme, e.planRow());
                String hash = rehash.apply(edited);
                String p = prev;
                jdbi.useHandle(h -> h.execute("UPDATE events SET comment = ?, prev_hash = ?, hash = ?, scheme = ? "
                        + "WHERE plan_id = ? AND seq = ?", edited.comment(), p, hash, scheme, id, e.seq()));
                prev = hash;
            } else {
                prev = e.hash();
            }
        }
        sql("UPDATE plans SET record_head = ? WHERE id = ?", prev, id);
    }

    @Test
    @Order(1)
    void anUntouchedRecordVerifies() {
        String id = plan();
        assertEquals(200, api().request("/api/plans/" + id, city).put(jakarta.ws.rs.client.Entity.json(
                Api.example("phuket-livable-pass"))).getStatus());
        assertEquals(200, api().post("/api/plans/" + id + "/actions", office, "{\"action\":\"FORWARD\"}").status());
        api().organisation("cnx", "Chiang Mai"); // a CITY user acts for a registered organisation
        String user = api().post("/api/users", admin, "{\"name\":\"Chiang Mai officer\",\"role\":\"CITY\",\"org\":\"cnx\"}")
                .body().get("id").asText();
        assertEquals(200, api().request("/api/users/" + user + "/tokens", admin).delete().getStatus());
        Verdict v = verifyRecord();
        assertEquals(0, v.status(), v.err());
        assertEquals("", v.err());
        assertTrue(chainVerified(id));
    }

    @Test
    @Order(2)
    void anEditedPlanRowIsCaught() {
        String id = plan();
        int last = events(id).size();
        sql("UPDATE plans SET state = 'CERTIFIED', certificate = '{\"validFrom\":\"2026-01-01\"}' WHERE id = ?", id);
        Verdict v = verifyRecord();
        assertEquals(1, v.status());
        assertTrue(v.err().contains("plan " + id + ": event " + last + " (ACTION): the plan row disagrees with the "
                + "record: certificateSha256 is "), v.err());
        assertTrue(v.err().contains("state is CERTIFIED in the plan row, REVISION_REQUESTED in the record"), v.err());
        assertFalse(chainVerified(id));
    }

    @Test
    @Order(2)
    void anEditedEventReChainedWithTheOldUnkeyedHashIsCaught() {
        String id = plan();
        EventLog unkeyed = new EventLog(RecordKey.of("x".repeat(RecordKey.MIN_LENGTH)));
        rechain(id, 2, EventLog.UNKEYED, unkeyed::hash);
        Verdict v = verifyRecord();
        assertEquals(1, v.status());
        assertTrue(v.err().contains("plan " + id + ": event 2 (EVALUATED): an unkeyed event after the record was keyed"),
                v.err());
        assertFalse(chainVerified(id));
    }

    @Test
    @Order(2)
    void anEditedEventReChainedAsSha256UnderTheKeyedSchemeIsCaught() {
        String id = plan();
        rechain(id, 3, EventLog.KEYED, e -> Canonical.sha256(EventLog.content(e))); // the keyed content, unkeyed hash
        Verdict v = verifyRecord();
        assertEquals(1, v.status());
        assertTrue(v.err().contains("plan " + id + ": event 3 (ACTION): its hash does not match its content under "
                + "the record key"), v.err());
    }

    @Test
    @Order(2)
    void anEditedEventReChainedAndReSignedWithAnotherKeyIsCaught() {
        String id = plan();
        EventLog wrong = new EventLog(RecordKey.of("another key the attacker made up, 32+ chars"));
        rechain(id, 1, EventLog.KEYED, wrong::hash);
        List<EventRow> all = events(id);
        String last = all.get(all.size() - 1).hash();
        sql("UPDATE plans SET record_mac = ? WHERE id = ?", wrong.headMac(id, all.size(), last), id);
        Verdict v = verifyRecord();
        assertEquals(1, v.status());
        assertTrue(v.err().contains("plan " + id + ": event 1 (SUBMITTED): its hash does not match its content under "
                + "the record key"), v.err());
        assertFalse(chainVerified(id));
    }

    @Test
    @Order(2)
    void aTruncatedChainWithItsHeadMovedBackIsCaught() {
        String id = plan();
        List<EventRow> all = events(id);
        EventRow last = all.get(all.size() - 1);
        sql("DELETE FROM events WHERE plan_id = ? AND seq = ?", id, last.seq());
        sql("UPDATE plans SET record_head = ?, record_count = ?, state = ?, review_round = review_round - 1 "
                + "WHERE id = ?", last.prevHash(), all.size() - 1, last.stateBefore(), id);
        Verdict v = verifyRecord();
        assertEquals(1, v.status());
        assertTrue(v.err().contains("plan " + id + ": the signed head of the record does not match its signature"),
                v.err());
        assertFalse(chainVerified(id));
    }

    @Test
    @Order(2)
    void aTruncatedChainWithItsHeadLeftAloneIsCaught() {
        String id = plan();
        sql("DELETE FROM events WHERE plan_id = ? AND seq = (SELECT MAX(seq) FROM events WHERE plan_id = ?)", id, id);
        Verdict v = verifyRecord();
        assertEquals(1, v.status());
        assertTrue(v.err().contains("plan " + id + ": the signed head counts 3 events, the record holds 2"), v.err());
    }

    @Test
    @Order(3)
    void creatingAUserAndRevokingItsTokensAreInTheUsersRecord() {
        api().organisation("kkc", "Khon Kaen"); // a CITY user acts for a registered organisation
        JsonNode created = api().post("/api/users", admin, "{\"name\":\"Khon Kaen officer\",\"role\":\"CITY\",\"org\":\"kkc\"}").body();
        String user = created.get("id").asText();
        assertEquals(200, api().request("/api/users/" + user + "/tokens", admin).delete().getStatus());
        assertEquals(401, api().get("/api/plans", created.get("token").asText()).status());

        JsonNode record = api().get("/api/users/record", office).body();
        assertTrue(record.get("chainVerified").asBoolean(), record.toString());
        List<JsonNode> mine = new java.util.ArrayList<>();
        record.get("items").forEach(i -> {
            if (i.get("user").asText().equals(user)) {
                mine.add(i);
            }
        });
        assertEquals(List.of("USER_CREATED", "TOKENS_REVOKED"), mine.stream().map(i -> i.get("type").asText()).toList());
        assertEquals("CITY", mine.get(0).get("data").get("user").get("role").asText());
        assertEquals("ADMIN", mine.get(0).get("role").asText(), "the actor is the ADMIN who created the user");
        assertEquals(mine.get(0).get("data").get("tokenId"), mine.get(1).get("data").get("tokenIds").get(0));
        assertEquals(200, api().get("/api/users/record", admin).status());
        assertEquals(403, api().get("/api/users/record", city).status());
        assertEquals(403, api().get("/api/users/record", api().token(Role.COMMITTEE, null, "COMMITTEE", false)).status());
        assertEquals(403, api().get("/api/users/record", api().token(Role.REVIEWER, null, null, false)).status());
        assertEquals(401, api().get("/api/users/record", null).status());
    }

    @Test
    @Order(4)
    void anotherKeyIsRefusedInsteadOfForkingTheRecord() {
        assertThrows(IllegalStateException.class, () -> RecordKeeping.existing(api().jdbi(),
                "a key that is not the record's key, 32+ chars", "unused"));
        assertThrows(IllegalStateException.class, () -> RecordKeeping.open(api().jdbi(),
                "a key that is not the record's key, 32+ chars", "unused", Clock.systemUTC()));
    }

    @Test
    @Order(4)
    void ruleSetsStoredBeforeTheirEventsAreAdoptedOnceAndOnlyWhenTheRecordHasNone() {
        RuleSetLog log = new RuleSetLog(api().recordKey());
        String count = "SELECT COUNT(*) FROM user_events WHERE type = '" + RuleSetLog.EXISTING + "'";
        api().jdbi().useTransaction(h -> {
            int before = h.createQuery(count).mapTo(Integer.class).one();
            log.adopt(h, java.time.Instant.now()); // the start recorded the rules folder's version: nothing to adopt
            assertEquals(before, h.createQuery(count).mapTo(Integer.class).one());
            // a record from before rule sets were recorded (rolled back below, the record stays as it was)
            h.execute("DELETE FROM user_events WHERE type LIKE 'RULESET%'");
            log.adopt(h, java.time.Instant.now());
            int versions = h.createQuery("SELECT COUNT(*) FROM rule_sets").mapTo(Integer.class).one();
            assertTrue(versions > 0);
            assertEquals(versions, h.createQuery(count).mapTo(Integer.class).one(), "one event per stored version");
            log.adopt(h, java.time.Instant.now());
            assertEquals(versions, h.createQuery(count).mapTo(Integer.class).one(), "adopted once");
            h.rollback();
        });
    }

    @Test
    @Order(5)
    void aPlanWrittenBeforeTheKeyIsSealedOnTheFirstKeyedStartAndThenVerifies() {
        String id = plan();
        // the plan as an unkeyed service left it: SHA-256 events, no plan row, an unsigned head
        EventLog unkeyed = new EventLog(api().recordKey());
        String prev = null;
        for (EventRow e : events(id)) {
            EventRow old = new EventRow(e.planId(), e.seq(), e.type(), e.actorId(), e.actor(), e.role(),
                    e.occurredAt(), e.stateBefore(), e.stateAfter(), e.comment(), e.ruleSetVersion(),
                    e.ruleSetSha256(), e.data(), prev, null, EventLog.UNKEYED, null);
            String hash = unkeyed.hash(old);
            String p = prev;
            sql("UPDATE events SET prev_hash = ?, hash = ?, scheme = 'SHA256', plan_row = NULL WHERE plan_id = ? "
                    + "AND seq = ?", p, hash, id, e.seq());
            prev = hash;
        }
        sql("UPDATE plans SET record_head = ?, record_count = NULL, record_mac = NULL WHERE id = ?", prev, id);
        assertFalse(chainVerified(id));

        var config = app().getConfiguration().getRecord();
        RecordKeeping.open(api().jdbi(), config.getKey(), config.getKeyFile(), Clock.systemUTC());
        List<EventRow> all = events(id);
        assertEquals("RECORD_KEYED", all.get(all.size() - 1).type());
        assertEquals(EventLog.KEYED, all.get(all.size() - 1).scheme());
        assertTrue(chainVerified(id));
    }

    @Test
    @Order(9)
    void aRoleChangedBehindTheServicesBackIsCaught() {
        api().organisation("skh", "Songkhla"); // a CITY user acts for a registered organisation
        String user = api().post("/api/users", admin, "{\"name\":\"Songkhla officer\",\"role\":\"CITY\",\"org\":\"skh\"}")
                .body().get("id").asText();
        sql("UPDATE users SET role = 'ADMIN', organisation = NULL WHERE id = ?", user);
        Verdict v = verifyRecord();
        assertEquals(1, v.status());
        assertTrue(v.err().contains("users' record: user " + user + " differs from the record"), v.err());
        assertFalse(api().get("/api/users/record", admin).body().get("chainVerified").asBoolean());
    }
}
