package th.or.depa.smartcity.renewal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;

/**
 * Renewal through HTTP, per database. Two instances share the database: now() runs on today's clock (a plan is
 * certified there, valid two years), later() on a clock 650 days ahead, inside the 180-day renewal window.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RenewalApiContract {

    /** How far later()'s clock runs ahead (its config's clockOffset). */
    public static final String LATER = "P650D";
    /** later()'s own prefix for its config overrides: with the default "dw." they are JVM-wide system properties. */
    private static final String LATER_PREFIX = "later.";

    /**
     * A second instance on url whose clock runs LATER ahead. Its overrides carry a prefix of their own: under the
     * shared "dw." one, the first instance to start after it would take its clock too.
     */
    public static io.dropwizard.testing.junit5.DropwizardAppExtension<th.or.depa.smartcity.SmartCityConfiguration>
            laterApp(String url) {
        return new io.dropwizard.testing.junit5.DropwizardAppExtension<>(th.or.depa.smartcity.openapi.ValidatedApp.class,
                io.dropwizard.testing.ResourceHelpers.resourceFilePath("test-config.yml"),
                LATER_PREFIX,
                io.dropwizard.testing.ConfigOverride.config(LATER_PREFIX, "database.url", url),
                io.dropwizard.testing.ConfigOverride.config(LATER_PREFIX, "database.user",
                        th.or.depa.smartcity.support.TestDatabases.user(url)),
                io.dropwizard.testing.ConfigOverride.config(LATER_PREFIX, "clockOffset", LATER));
    }
    static final ObjectMapper MAPPER = new ObjectMapper();

    protected abstract Api now();

    protected abstract Api later();

    String office;
    String s1;
    String s2;
    String c1;
    String c2;
    String org;
    String city;

    @BeforeAll
    void bodies() {
        office = now().token(Role.OFFICE, null, null, false);
        s1 = now().token(Role.COMMITTEE, null, "SUBCOMMITTEE", true);
        s2 = now().token(Role.COMMITTEE, null, "SUBCOMMITTEE", false);
        now().token(Role.COMMITTEE, null, "SUBCOMMITTEE", false);
        c1 = now().token(Role.COMMITTEE, null, "COMMITTEE", true);
        c2 = now().token(Role.COMMITTEE, null, "COMMITTEE", false);
        now().token(Role.COMMITTEE, null, "COMMITTEE", false);
    }

    @BeforeEach
    void newCity() {
        org = "org-" + UUID.randomUUID();
        city = now().city(org);
    }

    Api.Reply act(Api api, String token, String id, String action, String comment) {
        ObjectNode body = MAPPER.createObjectNode().put("action", action);
        if (comment != null) {
            body.put("comment", comment);
        }
        return api.post("/api/plans/" + id + "/actions", token, body.toString());
    }

    static String state(Api.Reply r) {
        return r.body().get("plan").get("state").asText();
    }

    /** Both bodies vote APPROVE (chair and a member) and the chair closes: the plan moves on. */
    Api.Reply bothApprove(Api api, String id, String chair, String member, String result) {
        assertEquals(200, api.post("/api/plans/" + id + "/votes", chair, "{\"vote\":\"" + result + "\"}").status());
        assertEquals(200, api.post("/api/plans/" + id + "/votes", member, "{\"vote\":\"" + result + "\"}").status());
        Api.Reply closed = act(api, chair, id, "CLOSE_VOTE", null);
        assertEquals(200, closed.status(), closed.raw());
        return closed;
    }

    /** A plan of the city certified today through the API. */
    String certified() {
        Api.Reply r = now().post("/api/plans", city, Api.example("phuket-livable-pass"));
        assertEquals(201, r.status(), r.raw());
        String id = r.body().get("plan").get("id").asText();
        assertEquals("SUBCOMMITTEE_REVIEW", state(act(now(), office, id, "FORWARD", null)));
        assertEquals("COMMITTEE_REVIEW", state(bothApprove(now(), id, s1, s2, "APPROVE")));
        assertEquals("CERTIFIED", state(bothApprove(now(), id, c1, c2, "APPROVE")));
        return id;
    }

    /** Every KPI at its target, every service delivered, the platform operating. */
    static ObjectNode goodReport() {
        ObjectNode r = MAPPER.createObjectNode();
        ArrayNode kpis = r.putArray("kpis");
        kpis.addObject().put("kpi", "Beaches with real-time water quality data").put("achieved", 12).put("year", 2028);
        kpis.addObject().put("kpi", "Median emergency response time").put("achieved", 7).put("year", 2028);
        kpis.addObject().put("kpi", "Daily bus riders").put("achieved", 9100).put("year", 2028);
        ArrayNode services = r.putArray("services");
        services.addObject().put("service", "Beach water quality sensors").put("status", "DELIVERED")
                .put("spentToDate", 17000000);
        services.addObject().put("service", "Tourist safety band and emergency call").put("status", "DELIVERED")
                .put("spentToDate", 24000000);
        services.addObject().put("service", "Smart bus with live arrival times").put("status", "DELIVERED")
                .put("spentToDate", 58000000.5);
        r.putObject("dataPlatform").put("operating", true).put("url", "https://data.phuket.example");
        r.put("note", "รายงานความก้าวหน้า / progress at two years");
        return r;
    }

    Api.Reply renew(Api api, String token, String id, JsonNode report) {
        return renew(api, token, id, report.toString(), null);
    }

    Api.Reply renew(Api api, String token, String id, String body, String key) {
        var request = api.request("/api/plans/" + id + "/renewal", token);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return Api.reply(request.post(Entity.entity(body, MediaType.APPLICATION_JSON_TYPE)));
    }

    List<String> eventTypes(String id) {
        Api.Reply history = later().get("/api/plans/" + id + "/history", city);
        assertTrue(history.body().get("chainVerified").asBoolean(), history.raw());
        List<String> types = new ArrayList<>();
        history.body().get("items").forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    @Test
    void aGoodReportInTheWindowGoesThroughScreeningAndVotesAndContinuesTheCertificate() {
        String id = certified();
        JsonNode first = now().get("/api/plans/" + id, city).body().get("certificate");
        LocalDate oldUntil = LocalDate.parse(first.get("validUntil").asText());

        String key = "renew-" + UUID.randomUUID();
        Api.Reply submitted = renew(later(), city, id, goodReport().toString(), key);
        assertEquals(201, submitted.status(), submitted.raw());
        assertEquals("RENEWAL_SCREENING", state(submitted));
        JsonNode renewal = submitted.body().get("renewal");
        assertEquals("PASS", renewal.get("evaluation").get("outcome").asText());
        assertEquals(List.of("RN-01", "RN-02", "RN-03"), ids(renewal.get("evaluation")));
        assertEquals("MET", renewal.get("evaluation").get("criteria").get(0).get("status").asText());
        assertFalse(renewal.get("evaluation").get("criteria").get(0).get("reason").get("th").asText().isBlank());
        assertEquals(3, renewal.get("report").get("kpis").size());
        Api.Reply replay = renew(later(), city, id, goodReport().toString(), key);
        assertEquals(201, replay.status());
        assertEquals(submitted.body(), replay.body(), "a retry with the same key gets the first answer");

        assertEquals("RENEWAL_SUBCOMMITTEE_REVIEW", state(act(later(), office, id, "FORWARD", null)));
        assertEquals("RENEWAL_COMMITTEE_REVIEW", state(bothApprove(later(), id, s1, s2, "APPROVE")));
        Api.Reply renewed = bothApprove(later(), id, c1, c2, "APPROVE");
        assertEquals("CERTIFIED", state(renewed));
        JsonNode certificate = renewed.body().get("certificate");
        assertEquals(oldUntil.plusDays(1).toString(), certificate.get("validFrom").asText());
        assertEquals(oldUntil.plusYears(2).toString(), certificate.get("validUntil").asText());

        JsonNode view = later().get("/api/plans/" + id, city).body();
        assertEquals(certificate, view.get("certificate"));
        assertEquals(1, view.get("certificates").size());
        assertEquals("RENEWED", view.get("certificates").get(0).get("status").asText());
        assertEquals(first.get("validUntil"), view.get("certificates").get(0).get("validUntil"));
        List<String> types = eventTypes(id);
        assertTrue(types.contains("RENEWAL_SUBMITTED"), types.toString());
        assertEquals("RENEWED", types.get(types.size() - 1), types.toString());
        assertEquals(1, types.stream().filter("RENEWAL_SUBMITTED"::equals).count(), "the replay wrote nothing");
    }

    @Test
    void aReportThatFailsAMandatoryRenewalCriterionLeavesThePlanCertified() {
        String id = certified();
        ObjectNode bad = goodReport();
        ((ObjectNode) bad.get("services").get(2)).put("status", "IN_PROGRESS");
        Api.Reply r = renew(later(), city, id, bad);
        assertEquals(201, r.status(), r.raw());
        assertEquals("CERTIFIED", state(r));
        JsonNode ev = r.body().get("renewal").get("evaluation");
        assertEquals("FAIL", ev.get("outcome").asText());
        JsonNode rn02 = ev.get("criteria").get(1);
        assertEquals("NOT_MET", rn02.get("status").asText());
        assertEquals(List.of("MOBILITY"), MAPPER.convertValue(rn02.get("facts").get("missing"), List.class));
        assertTrue(rn02.get("reason").get("en").asText().contains("Smart mobility")
                || rn02.get("reason").get("en").asText().contains("obility"), rn02.toString());
        assertEquals(ev, later().get("/api/plans/" + id + "/renewal", city).body().get("evaluation"));
        // the city may report again in the window
        assertEquals("RENEWAL_SCREENING", state(renew(later(), city, id, goodReport())));
    }

    @Test
    void outsideTheWindowTheRenewalIsRefusedInBothLanguages() {
        String id = certified();
        Api.Reply r = renew(now(), city, id, goodReport().toString().replace("2028", "2026"), null);
        assertEquals(409, r.status(), r.raw());
        assertTrue(r.raw().contains("A renewal is submitted from"), r.raw());
        assertTrue(r.raw().contains("ยื่นขอต่ออายุได้ตั้งแต่วันที่"), r.raw());
        assertEquals("CERTIFIED", state(now().get("/api/plans/" + id, city)));
    }

    @Test
    void anotherCityGets404TheOfficeAndCommittee403AndAPlanNotCertified409() {
        String id = certified();
        String other = now().city("org-" + UUID.randomUUID());
        assertEquals(404, renew(later(), other, id, goodReport()).status());
        assertEquals(403, renew(later(), office, id, goodReport()).status());
        assertEquals(403, renew(later(), c1, id, goodReport()).status());
        Api.Reply fresh = now().post("/api/plans", city, Api.example("phuket-livable-pass"));
        Api.Reply notCertified = renew(later(), city, fresh.body().get("plan").get("id").asText(), goodReport());
        assertEquals(409, notCertified.status(), notCertified.raw());
        assertTrue(notCertified.raw().contains("Only a certified plan is renewed"), notCertified.raw());
    }

    @Test
    void aBadReportIs422NamingEachField() {
        String id = certified();
        ObjectNode bad = goodReport();
        ((ObjectNode) bad.get("kpis").get(0)).put("kpi", "Happy tourists");
        ((ObjectNode) bad.get("kpis").get(1)).put("year", 2019);
        ((ObjectNode) bad.get("services").get(0)).put("spentToDate", -1);
        ((ObjectNode) bad.get("services").get(1)).put("status", "ALMOST");
        bad.put("extra", 1);
        Api.Reply r = renew(later(), city, id, bad);
        assertEquals(422, r.status(), r.raw());
        List<String> fields = new ArrayList<>();
        r.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertTrue(fields.containsAll(List.of("kpis[0].kpi", "kpis[1].year", "services[0].spentToDate",
                "services[1].status", "extra", "kpis")), fields.toString());
        assertTrue(r.raw().contains("Beaches with real-time water quality data"), "the missing KPI is named");
        assertEquals(413, renew(later(), city, id, "{\"note\":\"" + "x".repeat(1024 * 1024) + "\"}", null)
                .status());
        assertEquals(400, renew(later(), city, id, "{not json", null).status());
        assertEquals("CERTIFIED", state(later().get("/api/plans/" + id, city)));
    }

    @Test
    void aBodysRefusalLeavesTheCertificateToEndAtItsValidUntil() {
        String id = certified();
        JsonNode certificate = now().get("/api/plans/" + id, city).body().get("certificate");
        assertEquals("RENEWAL_SCREENING", state(renew(later(), city, id, goodReport())));
        assertEquals("RENEWAL_SUBCOMMITTEE_REVIEW", state(act(later(), office, id, "FORWARD", null)));
        Api.Reply refused = bothApprove(later(), id, s1, s2, "REJECT");
        assertEquals("CERTIFIED", state(refused));
        // the same certificate (dates, domains); its status is that of the later day: inside the renewal window
        com.fasterxml.jackson.databind.node.ObjectNode after = refused.body().get("certificate").deepCopy();
        assertEquals("RENEWAL_OPEN", after.remove("status").asText());
        com.fasterxml.jackson.databind.node.ObjectNode before = certificate.deepCopy();
        assertEquals("VALID", before.remove("status").asText());
        assertEquals(before, after);
        JsonNode view = later().get("/api/plans/" + id, city).body();
        assertTrue(view.get("certificates") == null || view.get("certificates").isEmpty(), view.toString());
        List<String> types = eventTypes(id);
        assertEquals("RENEWAL_REFUSED", types.get(types.size() - 1), types.toString());
    }

    @Test
    void theCommitteeChairRevokesForNonDeliveryWithTheProgressReportAsEvidence() {
        String id = certified();
        ObjectNode bad = goodReport();
        ((ObjectNode) bad.get("services").get(0)).put("status", "DROPPED");
        Api.Reply failed = renew(later(), city, id, bad);
        String reportId = failed.body().get("renewal").get("id").asText();
        assertEquals(422, act(later(), c1, id, "REVOKE", " ").status(), "a comment is required");
        assertEquals(409, act(later(), c2, id, "REVOKE", "not delivered").status(), "only the chair revokes");
        Api.Reply revoked = act(later(), c1, id, "REVOKE", "beach sensors dropped");
        assertEquals("REVOKED", state(revoked), revoked.raw());
        Api.Reply history = later().get("/api/plans/" + id + "/history", city);
        assertTrue(history.body().get("chainVerified").asBoolean(), history.raw());
        JsonNode last = null;
        for (JsonNode e : history.body().get("items")) {
            if ("ACTION".equals(e.get("type").asText())) {
                last = e;
            }
        }
        assertEquals("REVOKED", last.get("stateAfter").asText(), last.toString());
        assertEquals(reportId, data(last).get("progressReportId").asText(), last.toString());
    }

    @Test
    void aCityWithdrawingItsRenewalKeepsItsCertificate() {
        String id = certified();
        assertEquals("RENEWAL_SCREENING", state(renew(later(), city, id, goodReport())));
        assertEquals("CERTIFIED", state(act(later(), city, id, "WITHDRAW", null)));
        assertEquals(409, act(later(), city, id, "WITHDRAW", null).status(), "a certified plan is not withdrawn");
    }

    static JsonNode data(JsonNode event) {
        JsonNode d = event.get("data");
        try {
            return d.isTextual() ? MAPPER.readTree(d.asText()) : d;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> ids(JsonNode evaluation) {
        List<String> ids = new ArrayList<>();
        evaluation.get("criteria").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }
}
