package th.or.depa.smartcity.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.Http;
import th.or.depa.smartcity.support.TestApps;

/**
 * A certificate over its life through the API, with three instances of the service on one database: one on real
 * time, one rehearsing 1 year 7 months ahead (inside the 180-day renewal window) and one 2 years and a day ahead
 * (past validUntil). Their sweeps wait an hour, so every expiry here is the check on read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CertificateLifeContract {

    /** An instance on this database whose clock runs offset ahead (null: real time); sweeps hourly. */
    static DropwizardAppExtension<SmartCityConfiguration> app(String name, String url, String offset) {
        java.util.Map<String, String> settings = new java.util.HashMap<>();
        settings.put("certificates.expiryCheckEvery", "1 hour");
        if (offset != null) {
            settings.put("clockOffset", offset);
        }
        return TestApps.instance(name, url, settings);
    }

    abstract DropwizardAppExtension<SmartCityConfiguration> nowApp();

    abstract DropwizardAppExtension<SmartCityConfiguration> soonApp();

    abstract DropwizardAppExtension<SmartCityConfiguration> laterApp();

    Api now;
    Api soon;
    Api later;
    CertifiedPlans plans;

    @BeforeAll
    void apis() {
        now = new Api(nowApp());
        soon = new Api(soonApp());
        later = new Api(laterApp());
        plans = new CertifiedPlans(now);
    }

    static LocalDate today(String offset) {
        LocalDate today = LocalDate.now(WorkflowService.BANGKOK);
        return switch (offset) {
            case "P1Y7M" -> today.plusYears(1).plusMonths(7);
            case "P2Y1D" -> today.plusYears(2).plusDays(1);
            default -> today;
        };
    }

    JsonNode plan(Api api, String id, String token) {
        Api.Reply r = api.get("/api/plans/" + id, token);
        assertEquals(200, r.status(), r.raw());
        return r.body();
    }

    List<JsonNode> events(Api api, String id, String token, String type) {
        Api.Reply r = api.get("/api/plans/" + id + "/history", token);
        assertEquals(200, r.status(), r.raw());
        assertTrue(r.body().get("chainVerified").asBoolean(), r.raw());
        List<JsonNode> found = new ArrayList<>();
        r.body().get("items").forEach(e -> {
            if (type.equals(e.get("type").asText())) {
                found.add(e);
            }
        });
        return found;
    }

    JsonNode report(Api api, String query) {
        Api.Reply r = api.get("/api/reports/decisions" + query, plans.office());
        assertEquals(200, r.status(), r.raw());
        return r.body();
    }

    static JsonNode expiring(JsonNode report, String id) {
        for (JsonNode e : report.get("expiringSoon")) {
            if (id.equals(e.get("planId").asText())) {
                return e;
            }
        }
        return null;
    }

    static JsonNode line(JsonNode report, String id) {
        for (JsonNode p : report.get("plans")) {
            if (id.equals(p.get("id").asText())) {
                return p;
            }
        }
        return null;
    }

    @Test
    void aCertificateIsValidThenOpenForRenewalThenExpiredOnceWithAnEventInAVerifiedChain() {
        String[] certified = plans.certify();
        String id = certified[0];
        String city = certified[1];
        JsonNode today = plan(now, id, city);
        assertEquals("CERTIFIED", today.get("plan").get("state").asText());
        assertEquals("VALID", today.get("certificate").get("status").asText(), today.toString());
        LocalDate until = LocalDate.parse(today.get("certificate").get("validUntil").asText());
        assertEquals(LocalDate.now(WorkflowService.BANGKOK).plusYears(2), until);
        assertNull(expiring(report(now, ""), id), "not in the renewal window yet");

        JsonNode inWindow = plan(soon, id, city);
        assertEquals("CERTIFIED", inWindow.get("plan").get("state").asText());
        assertEquals("RENEWAL_OPEN", inWindow.get("certificate").get("status").asText());
        JsonNode soonReport = report(soon, "");
        JsonNode listed = expiring(soonReport, id);
        assertTrue(listed != null, soonReport.get("expiringSoon").toString());
        assertEquals(until.toString(), listed.get("validUntil").asText());
        assertEquals("RENEWAL_OPEN", listed.get("status").asText());
        assertEquals(ChronoUnit.DAYS.between(today("P1Y7M"), until), listed.get("daysLeft").asLong());
        assertEquals("Phuket", listed.get("province").asText());
        assertEquals("RENEWAL_OPEN", line(soonReport, id).get("certificate").get("status").asText());
        Api.Reply page = soon.get("/api/reports/decisions?format=html", plans.office());
        assertEquals(200, page.status());
        int table = page.raw().indexOf("id=\"expiring-soon\"");
        assertTrue(table > 0 && page.raw().indexOf("data-plan=\"" + id + "\" data-valid-until=\"" + until + "\"",
                table) > 0, "the page lists it as expiring soon");
        assertTrue(page.raw().contains("data-status=\"RENEWAL_OPEN\""), "and shows its status");
        Api.Reply planPage = soon.get("/api/plans/" + id + "/report?format=html", city);
        assertTrue(planPage.raw().contains("class=\"certificate-status\" data-status=\"RENEWAL_OPEN\""),
                "the plan report shows the certificate's status");
        String untilMonth = "?from=" + until.withDayOfMonth(1) + "&to=" + until.withDayOfMonth(until.lengthOfMonth());
        JsonNode before = report(soon, untilMonth).get("seriesTotals");
        assertTrue(before.get("expiring").asLong() >= 1, before.toString());
        long expiredBefore = report(soon, "?from=" + LocalDate.now(WorkflowService.BANGKOK) + "&to="
                + today("P2Y1D").plusDays(1)).get("seriesTotals").get("expired").asLong();

        JsonNode expired = plan(later, id, city);
        assertEquals("EXPIRED", expired.get("plan").get("state").asText(), expired.toString());
        assertEquals("EXPIRED", expired.get("certificate").get("status").asText());
        plan(later, id, city);
        List<JsonNode> events = events(later, id, city, "EXPIRED");
        assertEquals(1, events.size(), events.toString());
        JsonNode e = events.get(0);
        assertEquals("system", e.get("actor").asText());
        assertTrue(e.get("role").isNull(), e.toString());
        assertEquals("CERTIFIED", e.get("stateBefore").asText());
        assertEquals("EXPIRED", e.get("stateAfter").asText());
        assertEquals(until.toString(), e.get("data").get("validUntil").asText());

        JsonNode back = plan(now, id, city);
        assertEquals("EXPIRED", back.get("plan").get("state").asText(), "an expiry stands on any clock");
        assertEquals("EXPIRED", back.get("certificate").get("status").asText());
        Api.Reply revoke = now.post("/api/plans/" + id + "/actions", city, "{\"action\":\"WITHDRAW\"}");
        assertEquals(409, revoke.status(), revoke.raw());

        JsonNode after = report(later, "?from=" + LocalDate.now(WorkflowService.BANGKOK) + "&to="
                + today("P2Y1D").plusDays(1));
        assertEquals(expiredBefore + 1, after.get("seriesTotals").get("expired").asLong(), after.get("seriesTotals")
                .toString());
        assertEquals("EXPIRED", line(after, id).get("state").asText());
        assertEquals("EXPIRED", line(after, id).get("certificate").get("status").asText());
        assertNull(expiring(after, id));
        assertEquals(1, events(now, id, city, "EXPIRED").size());
    }

    @Test
    void aListNeverShowsACertificatePastItsValidUntilAsCertified() {
        String[] certified = plans.certify();
        Api.Reply list = later.get("/api/plans?status=CERTIFIED&limit=200", plans.office());
        assertEquals(200, list.status(), list.raw());
        list.body().get("items").forEach(p -> assertFalse(certified[0].equals(p.get("id").asText()),
                "listed as certified: " + p));
        Api.Reply expired = later.get("/api/plans?status=EXPIRED&limit=200", plans.office());
        assertTrue(expired.raw().contains(certified[0]), expired.raw());
        assertEquals(1, events(later, certified[0], certified[1], "EXPIRED").size());
    }

    @Test
    void theHealthCheckSaysWhenTheClockIsOffset() throws Exception {
        JsonNode shifted = Http.local(laterApp().getAdminPort()).get("/healthcheck", null).body().get("clock");
        assertTrue(shifted.get("healthy").asBoolean());
        String message = shifted.get("message").asText();
        assertTrue(message.startsWith("clock offset P2Y1D: service time " + today("P2Y1D").getYear()), message);
        JsonNode real = Http.local(nowApp().getAdminPort()).get("/healthcheck", null).body().get("clock");
        assertEquals("no offset", real.get("message").asText());
    }
}
