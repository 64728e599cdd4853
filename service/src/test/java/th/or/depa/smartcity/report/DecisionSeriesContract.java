package th.or.depa.smartcity.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;

/**
 * The decisions report's month-by-month series through HTTP, per database (DecisionSeriesH2Test,
 * DecisionSeriesPostgresTest), and the decisions PDF. Four plans moved through the workflow by the API: one certified
 * then revoked, one certified, one failing and revised (this month), and one rejected whose record is then moved to
 * 2025-03-31T17:30Z, which is already April in Bangkok.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DecisionSeriesContract {

    abstract Api api();

    /** 00:30 on 1 April 2025 in Bangkok, still 31 March in UTC. */
    static final Instant APRIL_IN_BANGKOK = Instant.parse("2025-03-31T17:30:00Z");

    String office;
    String subChair;
    String comChair;
    List<String> sub;
    List<String> com;
    String revoked;
    String certified;
    String revised;
    String rejected;
    YearMonth now;

    @BeforeAll
    void seed() {
        office = api().token(Role.OFFICE, null, null, false);
        subChair = api().token(Role.COMMITTEE, null, "SUBCOMMITTEE", true);
        sub = List.of(subChair, api().token(Role.COMMITTEE, null, "SUBCOMMITTEE", false),
                api().token(Role.COMMITTEE, null, "SUBCOMMITTEE", false));
        comChair = api().token(Role.COMMITTEE, null, "COMMITTEE", true);
        com = List.of(comChair, api().token(Role.COMMITTEE, null, "COMMITTEE", false),
                api().token(Role.COMMITTEE, null, "COMMITTEE", false));
        String phuket = api().city("org-series-a-" + UUID.randomUUID());
        String korat = api().city("org-series-b-" + UUID.randomUUID(), "Nakhon Ratchasima");

        revoked = submit(phuket, "phuket-livable-pass");
        certify(revoked);
        Api.Reply r = api().post("/api/plans/" + revoked + "/actions", comChair,
                "{\"action\":\"REVOKE\",\"comment\":\"not delivered\"}");
        assertEquals("REVOKED", state(r), r.raw());
        certified = submit(phuket, "phuket-livable-pass");
        certify(certified);
        revised = submit(korat, "minimal-fails-everything");
        Response put = api().request("/api/plans/" + revised, korat)
                .put(Entity.entity(Api.example("minimal-fails-everything"), MediaType.APPLICATION_JSON));
        assertEquals(200, put.getStatus(), put.readEntity(String.class));

        rejected = submit(korat, "korat-new-city-pass");
        assertEquals("SUBCOMMITTEE_REVIEW", state(act(office, rejected, "FORWARD")));
        sub.forEach(t -> vote(t, rejected, "REJECT"));
        assertEquals("REJECTED", state(act(subChair, rejected, "CLOSE_VOTE")));
        now = DecisionSeries.month(Instant.parse(api().get("/api/plans/" + revoked, office).body().get("plan")
                .get("submittedAt").asText()));
        api().jdbi().useHandle(h -> {
            h.createUpdate("UPDATE events SET occurred_at = :at WHERE plan_id = :id").bind("at", APRIL_IN_BANGKOK)
                    .bind("id", rejected).execute();
            h.createUpdate("UPDATE evaluations SET evaluated_at = :at WHERE plan_id = :id")
                    .bind("at", APRIL_IN_BANGKOK).bind("id", rejected).execute();
            h.createUpdate("UPDATE plans SET updated_at = :at, submitted_at = :at WHERE id = :id")
                    .bind("at", APRIL_IN_BANGKOK).bind("id", rejected).execute();
        });
    }

    void certify(String id) {
        assertEquals("SUBCOMMITTEE_REVIEW", state(act(office, id, "FORWARD")));
        sub.forEach(t -> vote(t, id, "APPROVE"));
        assertEquals("COMMITTEE_REVIEW", state(act(subChair, id, "CLOSE_VOTE")));
        com.forEach(t -> vote(t, id, "APPROVE"));
        assertEquals("CERTIFIED", state(act(comChair, id, "CLOSE_VOTE")));
    }

    String submit(String city, String example) {
        Api.Reply r = api().post("/api/plans", city, Api.example(example));
        assertEquals(201, r.status(), r.raw());
        return r.body().get("plan").get("id").asText();
    }

    Api.Reply act(String token, String id, String action) {
        Api.Reply r = api().post("/api/plans/" + id + "/actions", token, "{\"action\":\"" + action + "\"}");
        assertEquals(200, r.status(), r.raw());
        return r;
    }

    void vote(String token, String id, String vote) {
        Api.Reply r = api().post("/api/plans/" + id + "/votes", token, "{\"vote\":\"" + vote + "\"}");
        assertEquals(200, r.status(), r.raw());
    }

    static String state(Api.Reply r) {
        return r.body().get("plan").get("state").asText();
    }

    JsonNode report(String query) {
        Api.Reply r = api().get("/api/reports/decisions?" + query, office);
        assertEquals(200, r.status(), r.raw());
        return r.body();
    }

    static JsonNode month(JsonNode report, YearMonth m) {
        for (JsonNode p : report.get("series")) {
            if (p.get("period").asText().equals(m.toString())) {
                return p;
            }
        }
        throw new AssertionError(m + " not in " + report.get("series"));
    }

    static Map<String, Long> counts(JsonNode period) {
        Map<String, Long> c = new HashMap<>();
        for (String f : List.of("submitted", "revised", "passedScreening", "certified", "rejected", "revoked",
                "withdrawn", "evaluated", "passed")) {
            c.put(f, period.get(f).asLong());
        }
        return c;
    }

    @Test
    void eachMonthCountsWhatHappenedInItInBangkokTime() {
        JsonNode body = report("from=2025-01-01");
        JsonNode series = body.get("series");
        assertEquals("2025-01", series.get(0).get("period").asText(), "from the first month of the period");
        assertEquals(now.toString(), series.get(series.size() - 1).get("period").asText(), "to the last with events");
        assertEquals((now.getYear() - 2025) * 12 + now.getMonthValue(), series.size(), "every month, empty ones too");

        JsonNode march = month(body, YearMonth.of(2025, 3));
        assertEquals(0, march.get("submitted").asInt(), "31 March 17:30 UTC is April in Bangkok");
        assertTrue(march.get("passRate").isNull(), "no evaluations, no rate");
        JsonNode april = month(body, YearMonth.of(2025, 4));
        assertEquals(Map.of("submitted", 1L, "revised", 0L, "passedScreening", 1L, "certified", 0L, "rejected", 1L,
                "revoked", 0L, "withdrawn", 0L, "evaluated", 1L, "passed", 1L), counts(april));
        assertEquals(1.0, april.get("passRate").asDouble());

        JsonNode current = month(body, now);
        assertEquals(Map.of("submitted", 3L, "revised", 1L, "passedScreening", 2L, "certified", 2L, "rejected", 0L,
                "revoked", 1L, "withdrawn", 0L, "evaluated", 4L, "passed", 2L), counts(current));
        assertEquals(0.5, current.get("passRate").asDouble());
        JsonNode unmet = current.get("mostUnmet");
        assertEquals(5, unmet.size(), "at most five");
        unmet.forEach(u -> assertEquals(1, u.get("plans").asInt(), "a plan unmet twice in a month counts once: " + u));
    }

    @Test
    void theSeriesTotalsAreTheSumsOfTheMonthsAndAgreeWithTheReportsTotals() {
        JsonNode body = report("from=2025-01-01");
        JsonNode totals = body.get("seriesTotals");
        for (String f : counts(totals).keySet()) {
            long sum = 0;
            for (JsonNode m : body.get("series")) {
                sum += m.get(f).asLong();
            }
            assertEquals(sum, totals.get(f).asLong(), f);
        }
        assertEquals(0.6, totals.get("passRate").asDouble(), "3 of 5 evaluations passed");
        JsonNode byState = body.get("totals").get("byState");
        assertEquals(body.get("totals").get("plans").asLong(), totals.get("submitted").asLong(),
                "every plan of the period was submitted in it");
        assertEquals(byState.get("REJECTED").asLong(), totals.get("rejected").asLong());
        assertEquals(byState.get("REVOKED").asLong(), totals.get("revoked").asLong());
        assertEquals(byState.get("CERTIFIED").asLong(), totals.get("certified").asLong() - totals.get("revoked").asLong(),
                "certified, less those revoked since");
    }

    @Test
    void filtersAndBoundsApplyToTheSeries() {
        JsonNode april = report("from=2025-04-01&to=2025-04-30");
        assertEquals(1, april.get("series").size());
        assertEquals(1, april.get("seriesTotals").get("rejected").asInt());
        JsonNode phuket = report("from=2025-01-01&province=Phuket");
        assertEquals(2, phuket.get("seriesTotals").get("submitted").asInt());
        assertEquals(0, phuket.get("seriesTotals").get("rejected").asInt());
        JsonNode revokedOnly = report("status=REVOKED");
        assertEquals(1, revokedOnly.get("seriesTotals").get("certified").asInt());
        assertEquals(now.toString(), revokedOnly.get("series").get(0).get("period").asText(),
                "without bounds, from the first month with events");
    }

    @Test
    void theHtmlPageShowsTheSameNumbersAsTheJson() {
        JsonNode body = report("from=2025-01-01");
        Api.Reply r = api().get("/api/reports/decisions?from=2025-01-01&format=html", office);
        assertEquals(200, r.status());
        String html = r.raw();
        Matcher foot = Pattern.compile("<tfoot>(.*?)</tfoot>", Pattern.DOTALL).matcher(html);
        assertTrue(foot.find(), html);
        JsonNode totals = body.get("seriesTotals");
        for (String f : List.of("submitted", "revised", "passedScreening", "certified", "rejected", "revoked")) {
            assertTrue(foot.group(1).contains("class=\"num " + f + "\">" + totals.get(f).asLong() + "<"), f + ": " + foot.group(1));
        }
        assertTrue(foot.group(1).contains("60%"), foot.group(1));
        assertTrue(html.contains("data-period=\"2025-04\""));
        assertTrue(html.contains("id=\"plans-count\">" + body.get("totals").get("plans").asLong() + "<"));
        assertTrue(html.contains("<tspan"), "labels as tspans");
    }

    @Test
    void theDecisionsPdfHasExtractableThaiText() throws Exception {
        Response r = api().request("/api/reports/decisions?from=2025-01-01&format=pdf", office).get();
        assertEquals(200, r.getStatus());
        assertEquals("application/pdf", r.getMediaType().toString());
        assertTrue(r.getHeaderString(HttpHeaders.CONTENT_DISPOSITION).contains("decisions-from-2025-01-01.pdf"));
        byte[] pdf = r.readEntity(byte[].class);
        assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.US_ASCII));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "decisions-"
                + getClass().getSimpleName() + ".pdf"), pdf); // kept as a build artefact to look at
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("รายงานผลการพิจารณาแผนพัฒนาเมืองอัจฉริยะ"), text);
            assertTrue(text.contains("Phuket City"), text);
            assertTrue(text.contains("นครภูเก็ต"), text);
            assertTrue(text.contains("2025-04"), "the series' months");
        }
    }

    @Test
    void aBadFormatNamesItAndACityMayNotReadTheReport() {
        Api.Reply bad = api().get("/api/reports/decisions?format=docx", office);
        assertEquals(422, bad.status());
        assertTrue(bad.raw().contains("format") && bad.raw().contains("pdf"), bad.raw());
        assertEquals(403, api().get("/api/reports/decisions?format=pdf", api().city("org-x-" + UUID.randomUUID())).status());
    }
}
