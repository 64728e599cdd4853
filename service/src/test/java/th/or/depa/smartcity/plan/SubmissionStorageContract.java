package th.or.depa.smartcity.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.history.EventLog;
import th.or.depa.smartcity.store.EventDao;
import th.or.depa.smartcity.store.EventRow;
import th.or.depa.smartcity.support.Api;

/**
 * A submission signs its first events over the plan row before writing it (issue 18: no read-back, no head update):
 * what it stores must still verify as a record written the long way did, on every database.
 */
abstract class SubmissionStorageContract {

    abstract DropwizardAppExtension<SmartCityConfiguration> app();

    Api api() {
        return new Api(app());
    }

    String submit() {
        String city = api().city("store-" + UUID.randomUUID());
        Api.Reply r = api().post("/api/plans", city, Api.example("phuket-livable-pass"));
        assertEquals(201, r.status(), r.raw());
        return r.body().get("plan").get("id").asText();
    }

    @Test
    void aSubmittedPlansRecordVerifiesWithItsSignedHeadCountingBothEvents() {
        String id = submit();
        EventLog log = new EventLog(api().recordKey());
        api().jdbi().useHandle(h -> {
            EventDao events = h.attach(EventDao.class);
            assertTrue(log.check(events, id).ok(), () -> log.check(events, id).toString());
            List<EventRow> all = events.all(id);
            assertEquals(List.of("SUBMITTED", "EVALUATED"), all.stream().map(EventRow::type).toList());
            EventDao.Head head = events.head(id).orElseThrow();
            assertEquals(2, head.recordCount());
            assertEquals(all.get(1).hash(), head.recordHead());
        });
    }

    @Test
    void aSubmissionsHistoryShowsTheChainVerified() {
        String id = submit();
        String office = api().token(th.or.depa.smartcity.auth.Role.OFFICE, null, null, false);
        assertTrue(api().get("/api/plans/" + id + "/history", office).body().get("chainVerified").asBoolean());
    }

    @Test
    void aSubmissionsNotificationIsStoredWithItMadeFromThePlanInMemory() {
        String id = submit();
        var n = api().jdbi().withHandle(h -> h.createQuery(
                "SELECT recipient, kind, payload FROM notifications WHERE plan_id = :id").bind("id", id)
                .mapToMap().list());
        assertEquals(1, n.size(), n.toString());
        assertEquals("STATE_CHANGED", n.get(0).get("kind"));
        assertTrue(String.valueOf(n.get(0).get("recipient")).startsWith("org:store-"), n.toString());
        assertTrue(String.valueOf(n.get(0).get("payload")).contains("\"stateAfter\":\"SCREENING\""), n.toString());
    }
}
