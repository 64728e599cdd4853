package th.or.depa.smartcity.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import th.or.depa.smartcity.support.PdfText;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.workflow.WorkflowService;

/**
 * The reports through HTTP, run per database (ReportApiH2Test, ReportApiPostgresTest). Seeds four plans of two
 * cities in two provinces once: one walked to CERTIFIED, one SCREENING, two NOT_ELIGIBLE (one of them moved back
 * to a day in 2025 to test the period), then checks every total, filter and format against them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReportApiContract {

    abstract Api api();

    static final ObjectMapper MAPPER = Jackson.newObjectMapper();
    /** 2025-03-15T20:00Z is 2025-03-16 03:00 in Bangkok: the day counts in Bangkok, not in UTC. */
    static final Instant OLD = Instant.parse("2025-03-15T20:00:00Z");

    String office;
    String reviewer;
    String admin;
    String cityA;
    String cityB;
    String certified;   // A, Phuket, phuket-livable-pass, CERTIFIED
    String oneDomain;   // A, Phuket, one-domain-fails-sc03, NOT_ELIGIBLE
    String korat;       // B, Nakhon Ratchasima, korat-new-city-pass, SCREENING
    String minimal;     // B, Nakhon Ratchasima, minimal-fails-everything, NOT_ELIGIBLE, updated on OLD

    @BeforeAll
    void seed() {
        office = api().token(Role.OFFICE, null, null, false);
        reviewer = api().token(Role.REVIEWER, null, null, false);
        admin = api().token(Role.ADMIN, null, null, false);
        String s1 = api().token(Role.COMMITTEE, null, "SUBCOMMITTEE", true);
        String s2 = api().token(Role.COMMITTEE, null, "SUBCOMMITTEE", false);
        String s3 = api().token(Role.COMMITTEE, null, "SUBCOMMITTEE", false);
        String c1 = api().token(Role.COMMITTEE, null, "COMMITTEE", true);
        String c2 = api().token(Role.COMMITTEE, null, "COMMITTEE", false);
        api().token(Role.COMMITTEE, null, "COMMITTEE", false);
        cityA = api().city("org-a-" + UUID.randomUUID());
        cityB = api().city("org-b-" + UUID.randomUUID(), "Nakhon Ratchasima");

        minimal = submit(cityB, "minimal-fails-everything");
        korat = submit(cityB, "korat-new-city-pass");
        oneDomain = submit(cityA, "one-domain-fails-sc03");
        certified = submit(cityA, "phuket-livable-pass");
        assertEquals("SUBCOMMITTEE_REVIEW", state(act(office, certified, "FORWARD")));
        vote(s2, certified, "APPROVE");
        vote(s3, certified, "REJECT");
        vote(s1, certified, "APPROVE");
        assertEquals("COMMITTEE_REVIEW", state(act(office, certified, "CLOSE_VOTE")));
        vote(c1, certified, "APPROVE");
        vote(c2, certified, "APPROVE");
        assertEquals("CERTIFIED", state(act(c1, certified, "CLOSE_VOTE")));

        api().jdbi().useHandle(h -> {
            h.createUpdate("UPDATE plans SET updated_at = :at WHERE id = :id").bind("at", OLD).bind("id", minimal)
                    .execute();
            // two plans updated at the same instant: the keyset paging must keep both (ties go by id)
            h.createUpdate("UPDATE plans SET updated_at = (SELECT updated_at FROM plans WHERE id = :other) WHERE id = :id")
                    .bind("other", korat).bind("id", oneDomain).execute();
        });
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

    static String query(String... pairs) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            q.append(i == 0 ? "?" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    Api.Reply decisions(String token, String... pairs) {
        return api().get("/api/reports/decisions" + query(pairs), token);
    }

    static List<String> ids(JsonNode report) {
        List<String> ids = new ArrayList<>();
        report.get("plans").forEach(p -> ids.add(p.get("id").asText()));
        return ids;
    }

    static JsonNode plan(JsonNode report, String id) {
        for (JsonNode p : report.get("plans")) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("plan " + id + " is not in the report");
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Nested
    class DecisionsReport {

        @Test
        void theJsonListsEveryPlanNewestFirstWithTheTotals() {
            Api.Reply r = decisions(office);
            assertEquals(200, r.status(), r.raw());
            assertTrue(r.response().getMediaType().toString().startsWith("application/json"));
            JsonNode body = r.body();
            assertTrue(body.get("from").isNull());
            assertTrue(body.get("to").isNull());
            List<String> ids = ids(body);
            assertEquals(4, ids.size(), r.raw());
            assertEquals(certified, ids.get(0), "the plan acted on last comes first");
            assertEquals(minimal, ids.get(3), "the plan of 2025 comes last");
            List<Instant> updated = new ArrayList<>();
            body.get("plans").forEach(p -> updated.add(Instant.parse(p.get("updatedAt").asText())));
            for (int i = 1; i < updated.size(); i++) {
                assertFalse(updated.get(i).isAfter(updated.get(i - 1)), "newest first");
            }

            JsonNode totals = body.get("totals");
            assertEquals(4, totals.get("plans").asInt());
            assertEquals(Map.of("CERTIFIED", 1, "NOT_ELIGIBLE", 2, "SCREENING", 1), counts(totals.get("byState")));
            assertEquals(Map.of("Phuket", 2, "Nakhon Ratchasima", 2), counts(totals.get("byProvince")));
            assertEquals(Map.of("ENVIRONMENT", 3, "LIVING", 1, "MOBILITY", 1, "ECONOMY", 1, "GOVERNANCE", 1,
                    "PEOPLE", 1), counts(totals.get("byDomain")));
            Map<String, Integer> unmet = counts(totals.get("unmetByCriterion"));
            assertEquals(15, unmet.size(), "every criterion of the latest evaluations, unmet or not: " + unmet);
            assertEquals(2, unmet.get("SC-03"));
            for (String id : List.of("SC-01", "SC-02", "SC-04", "SC-05", "SC-06", "SC-07", "SC-08", "SC-09", "SC-10",
                    "SC-11")) {
                assertEquals(1, unmet.get(id), id);
            }
            for (String id : List.of("SC-A1", "SC-A2", "SC-A3", "SC-A4")) {
                assertEquals(0, unmet.get(id), id + " is advisory: never NOT_MET");
            }
        }

        @Test
        void eachPlanCarriesItsEvaluationDomainsTalliesAndCertificate() {
            JsonNode body = decisions(reviewer).body();
            JsonNode a = plan(body, certified);
            List<String> fields = new ArrayList<>();
            a.fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("id", "organisation", "city", "cityTh", "province", "kind", "state", "outcome",
                    "notMet", "warnings", "domains", "submittedAt", "updatedAt", "tallies", "certificate"), fields);
            assertEquals("Phuket City", a.get("city").asText());
            assertEquals("นครภูเก็ต", a.get("cityTh").asText());
            assertEquals("CERTIFIED", a.get("state").asText());
            assertEquals("PASS", a.get("outcome").asText());
            assertEquals(List.of(), texts(a.get("notMet")));
            assertEquals(List.of("ENVIRONMENT", "LIVING", "MOBILITY"), texts(a.get("domains")));
            JsonNode sub = a.get("tallies").get(0);
            assertEquals(2, a.get("tallies").size());
            assertEquals("{\"body\":\"SUBCOMMITTEE\",\"approve\":2,\"reject\":1,\"abstain\":0,\"recused\":0,"
                    + "\"result\":\"APPROVED\"}", sub.toString());
            assertEquals("COMMITTEE", a.get("tallies").get(1).get("body").asText());
            LocalDate today = LocalDate.now(WorkflowService.BANGKOK);
            assertEquals(today.toString(), a.get("certificate").get("validFrom").asText());
            assertEquals(today.plusYears(2).toString(), a.get("certificate").get("validUntil").asText());
            assertEquals("VALID", a.get("certificate").get("status").asText(), "its status today (certificate.drl)");
            assertEquals(3, a.get("certificate").size(), "validFrom, validUntil and status only");

            JsonNode k = plan(body, korat);
            assertEquals("SCREENING", k.get("state").asText());
            assertEquals(List.of("SC-A2"), texts(k.get("warnings")));
            assertEquals(List.of("ECONOMY", "GOVERNANCE", "PEOPLE", "ENVIRONMENT"), texts(k.get("domains")));
            assertEquals(0, k.get("tallies").size());
            assertTrue(k.get("certificate").isNull());

            JsonNode m = plan(body, minimal);
            assertEquals("FAIL", m.get("outcome").asText());
            assertEquals(11, m.get("notMet").size());
            assertTrue(m.get("cityTh").isNull());
            assertEquals(List.of(), texts(m.get("domains")));
        }

        @Test
        void statusAndProvinceFilterTheListAndTheTotals() {
            JsonNode cert = decisions(admin, "status", "CERTIFIED").body();
            assertEquals(List.of(certified), ids(cert));
            assertEquals(Map.of("CERTIFIED", 1), counts(cert.get("totals").get("byState")));

            JsonNode korats = decisions(office, "province", "นครราชสีมา").body();
            assertEquals(List.of(korat, minimal), ids(korats));
            assertEquals(Map.of("Nakhon Ratchasima", 2), counts(korats.get("totals").get("byProvince")));
            assertEquals(ids(korats), ids(decisions(office, "province", "nakhon ratchasima").body()));

            JsonNode both = decisions(office, "province", "Phuket", "status", "NOT_ELIGIBLE").body();
            assertEquals(List.of(oneDomain), ids(both));
            assertEquals(Map.of("SC-03", 1), nonZero(counts(both.get("totals").get("unmetByCriterion"))));
        }

        @Test
        void thePeriodIsInclusiveCalendarDaysInBangkok() {
            JsonNode day = decisions(office, "from", "2025-03-16", "to", "2025-03-16").body();
            assertEquals("2025-03-16", day.get("from").asText());
            assertEquals("2025-03-16", day.get("to").asText());
            assertEquals(List.of(minimal), ids(day), "updated 2025-03-15T20:00Z, that is the 16th in Bangkok");
            assertEquals(List.of(), ids(decisions(office, "to", "2025-03-15").body()));
            assertEquals(3, ids(decisions(office, "from", "2025-03-17").body()).size());
            String today = LocalDate.now(WorkflowService.BANGKOK).toString();
            assertEquals(List.of(certified), ids(decisions(office, "from", today, "to", today, "status", "CERTIFIED").body()));
            JsonNode none = decisions(office, "from", "2031-01-01").body();
            assertEquals(0, none.get("totals").get("plans").asInt());
            assertEquals(0, none.get("totals").get("byState").size());
        }

        @Test
        void badQueriesAre422NamingTheParameterAndCityIs403() {
            assertField(decisions(office, "from", "2026-13-01"), "from");
            assertField(decisions(office, "from", "yesterday"), "from");
            assertField(decisions(office, "to", "2026-02-30"), "to");
            assertField(decisions(office, "from", "2026-02-01", "to", "2026-01-01"), "to");
            assertField(decisions(office, "status", "APPROVED"), "status");
            assertField(decisions(office, "province", "Atlantis"), "province");
            assertField(decisions(office, "format", "xml"), "format");
            Api.Reply city = decisions(cityA);
            assertEquals(403, city.status(), city.raw());
            assertEquals(403, city.body().get("code").asInt());
            assertEquals(401, decisions(null).status());
        }

        @Test
        void theCsvHasABomAHeaderAndOneRowPerPlanWithTheThaiIntact() {
            Response r = api().request("/api/reports/decisions?format=csv", office).get();
            assertEquals(200, r.getStatus());
            assertTrue("text/csv;charset=UTF-8".equalsIgnoreCase(r.getMediaType().toString().replace(" ", "")),
                    r.getMediaType().toString());
            assertTrue(r.getHeaderString("Content-Disposition").startsWith("attachment"));
            byte[] bytes = r.readEntity(byte[].class);
            assertEquals(0xEF, bytes[0] & 0xFF);
            assertEquals(0xBB, bytes[1] & 0xFF);
            assertEquals(0xBF, bytes[2] & 0xFF);
            String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
            assertTrue(text.endsWith("\r\n"), "CRLF line ends (RFC 4180)");
            List<List<String>> rows = CsvReader.parse(text);
            assertEquals(List.of("id", "organisation", "city", "cityTh", "province", "kind", "state", "outcome",
                    "notMet", "warnings", "domains", "submittedAt", "updatedAt", "validFrom", "validUntil"), rows.get(0));
            assertEquals(5, rows.size(), text);
            List<String> ids = rows.subList(1, 5).stream().map(row -> row.get(0)).toList();
            assertEquals(ids(decisions(office).body()), ids, "the same plans in the same order as the JSON");

            Map<String, String> a = byHeader(rows, certified);
            assertEquals("นครภูเก็ต", a.get("cityTh"));
            assertEquals("Phuket City", a.get("city"));
            assertEquals("ENVIRONMENT LIVING MOBILITY", a.get("domains"));
            assertEquals("CERTIFIED", a.get("state"));
            assertEquals(LocalDate.now(WorkflowService.BANGKOK).toString(), a.get("validFrom"));
            Instant.parse(a.get("submittedAt"));
            Map<String, String> m = byHeader(rows, minimal);
            assertEquals("SC-01 SC-02 SC-03 SC-04 SC-05 SC-06 SC-07 SC-08 SC-09 SC-10 SC-11", m.get("notMet"));
            assertEquals("SC-A2 SC-A3 SC-A4", m.get("warnings"));
            assertEquals("", m.get("cityTh"));
            assertEquals("", m.get("validFrom"));
            assertEquals(OLD, Instant.parse(m.get("updatedAt")));
            assertEquals("ECONOMY GOVERNANCE PEOPLE ENVIRONMENT", byHeader(rows, korat).get("domains"));
        }

        @Test
        void theHtmlHasChartsAsInlineSvgAndTheThaiText() throws Exception {
            Response r = api().request("/api/reports/decisions" + query("format", "html", "province", "Phuket"), office)
                    .get();
            assertEquals(200, r.getStatus());
            assertTrue("text/html;charset=UTF-8".equalsIgnoreCase(r.getMediaType().toString().replace(" ", "")),
                    r.getMediaType().toString());
            String html = r.readEntity(String.class);
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "decisions-"
                    + ReportApiContract.this.getClass().getSimpleName() + ".html"), html); // a build artefact
            assertTrue(html.startsWith("<!DOCTYPE html>"));
            assertTrue(html.contains("<svg"), "charts are inline SVG");
            assertTrue(html.split("<svg", -1).length - 1 >= 3, "three charts");
            assertTrue(html.contains("นครภูเก็ต"));
            assertTrue(html.contains("ด้านของเมืองอัจฉริยะ"), "the most often unmet criterion, by its Thai title");
            assertTrue(html.contains("@media print"));
            assertFalse(html.contains("<script"));
            String outside = html.replace("http://www.w3.org/2000/svg", "");
            assertFalse(outside.contains("http:") || outside.contains("https:") || outside.contains("src="),
                    "no external resources");
            assertFalse(html.contains("โคราชดิจิทัลพาร์ค"), "filtered to Phuket");
        }

        @Test
        void keysetPagesOfOneReadEveryPlanOnceInOrderThroughTies() {
            Decisions small = new Decisions(api().jdbi(), MAPPER, 1);
            DecisionQuery all = new DecisionQuery(null, null, null, null, DecisionQuery.Format.JSON);
            List<String> paged = new ArrayList<>();
            Iterator<DecisionLine> it = small.open(all);
            it.forEachRemaining(line -> paged.add(line.id()));
            assertEquals(ids(decisions(office).body()), paged);
            assertEquals(4, paged.size());
            assertEquals(4, small.totals(all).getPlans());
        }
    }

    @Nested
    class OnePlan {

        @Test
        void theJsonIsThePlanViewWithHistoryTalliesAndTheRuleSet() {
            Api.Reply r = api().get("/api/plans/" + certified + "/report", office);
            assertEquals(200, r.status(), r.raw());
            JsonNode b = r.body();
            assertEquals(certified, b.get("plan").get("id").asText());
            assertEquals("CERTIFIED", b.get("plan").get("state").asText());
            assertEquals("เทศบาลนครภูเก็ต", b.get("plan").get("content").get("applicant").get("nameTh").asText());
            assertEquals(15, b.get("evaluation").get("criteria").size());
            assertEquals(LocalDate.now(WorkflowService.BANGKOK).toString(), b.get("certificate").get("validFrom").asText());
            List<String> types = new ArrayList<>();
            b.get("history").forEach(e -> types.add(e.get("type").asText()));
            assertEquals(List.of("SUBMITTED", "EVALUATED", "ACTION", "VOTE", "VOTE", "VOTE", "ACTION", "TALLY", "VOTE",
                    "VOTE", "ACTION", "TALLY", "CERTIFIED"), types);
            JsonNode first = b.get("history").get(0);
            assertEquals(1, first.get("seq").asInt());
            assertEquals("CITY", first.get("role").asText());
            assertEquals(1, first.get("ruleSet").get("version").asInt());
            assertTrue(b.get("chainVerified").asBoolean());
            assertEquals(2, b.get("tallies").size());
            assertEquals("SUBCOMMITTEE", b.get("tallies").get(0).get("body").asText());
            assertEquals(3, b.get("tallies").get(0).get("present").asInt());
            assertEquals("APPROVED", b.get("tallies").get(1).get("result").asText());
            assertEquals(1, b.get("ruleSet").get("version").asInt());
            assertEquals(64, b.get("ruleSet").get("sha256").asText().length());

            Api.Reply screening = api().get("/api/plans/" + korat + "/report?format=json", cityB);
            assertEquals(200, screening.status(), screening.raw());
            assertEquals(0, screening.body().get("tallies").size());
            assertNull(screening.body().get("certificate"), "no certificate before CERTIFIED, as in the plan view");
        }

        @Test
        void aCityReadsOnlyItsOwnAndBadQueriesAreRefused() {
            assertEquals(200, api().get("/api/plans/" + certified + "/report", cityA).status());
            Api.Reply other = api().get("/api/plans/" + certified + "/report", cityB);
            assertEquals(404, other.status(), other.raw());
            assertEquals(404, other.body().get("code").asInt());
            assertEquals(404, api().get("/api/plans/" + certified + "/report?format=pdf", cityB).status());
            assertEquals(404, api().get("/api/plans/" + UUID.randomUUID() + "/report", office).status());
            assertField(api().get("/api/plans/" + certified + "/report?format=docx", office), "format");
            assertEquals(401, api().get("/api/plans/" + certified + "/report", null).status());
        }

        @Test
        void theHtmlIsBilingualWithEveryCriterion() {
            Response r = api().request("/api/plans/" + certified + "/report?format=html", cityA).get();
            assertEquals(200, r.getStatus());
            assertTrue("text/html;charset=UTF-8".equalsIgnoreCase(r.getMediaType().toString().replace(" ", "")),
                    r.getMediaType().toString());
            String html = r.readEntity(String.class);
            for (String s : List.of("นครภูเก็ต", "Phuket City", "เทศบาลนครภูเก็ต", "Phuket City Municipality",
                    "ด้านของเมืองอัจฉริยะ", "Smart domains", "วิสัยทัศน์และเป้าหมาย", "Vision and goals",
                    "ผ่านเกณฑ์", "คณะอนุกรรมการ", "เห็นชอบ", "ได้รับการรับรอง")) {
                assertTrue(html.contains(s), s);
            }
        }

        @Test
        void thePdfEmbedsItsFontAndItsTextHasTheThaiTitlesExactly() throws Exception {
            Response r = api().request("/api/plans/" + certified + "/report?format=pdf", office).get();
            assertEquals(200, r.getStatus());
            assertEquals("application/pdf", r.getMediaType().toString());
            byte[] pdf = r.readEntity(byte[].class);
            assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.US_ASCII));
            java.nio.file.Files.write(java.nio.file.Path.of("target", "plan-report-"
                    + ReportApiContract.this.getClass().getSimpleName() + ".pdf"), pdf); // kept as a build artefact to look at
            JsonNode criteria = api().get("/api/plans/" + certified, office).body().get("evaluation").get("criteria");
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                // Chromium shapes the marks; PdfText drops the space PDFBox reads after a mark moved left (ป้, น้)
                String text = PdfText.of(doc, false);
                assertTrue(text.contains("ด้านของเมืองอัจฉริยะ"), text);
                assertTrue(text.contains("วิสัยทัศน์และเป้าหมาย"), text);
                for (JsonNode c : criteria) {
                    String thai = PdfText.same(c.get("title").get("th").asText());
                    assertTrue(text.contains(thai), c.get("id") + " in Thai:\n" + text);
                    assertTrue(text.contains(c.get("title").get("en").asText()), c.get("id") + " in English");
                }
                // as a reader lays it out: the marks stay with their letters
                String laidOut = PdfText.of(doc, true);
                for (JsonNode c : criteria) {
                    assertTrue(laidOut.contains(PdfText.same(c.get("title").get("th").asText())),
                            c.get("id") + " sorted by position");
                }
                assertTrue(text.contains("นครภูเก็ต"));
                assertTrue(text.contains("เทศบาลนครภูเก็ต"));
                assertTrue(text.contains("Phuket City Municipality"));
                int fonts = 0;
                for (PDPage page : doc.getPages()) {
                    PDResources res = page.getResources();
                    for (var name : res.getFontNames()) {
                        PDFont font = res.getFont(name);
                        assertTrue(font.isEmbedded(), font.getName() + " is embedded");
                        fonts++;
                    }
                }
                assertTrue(fonts > 0, "the pages use a font");
            }
        }
    }

    /**
     * The names of codes are the labels of the rule set in force: a reviewer renames a state in rules/texts, a second
     * reviewer activates it, and the next report says the new name (and the old one again after a rollback).
     */
    @Test
    void aLabelChangedInTheRuleSetInForceShowsInTheReports() {
        int before = api().get("/api/criteria", null).body().get("ruleSet").get("version").asInt();
        Map<String, String> files = new java.util.TreeMap<>(
                th.or.depa.smartcity.engine.RuleFiles.readFolder(th.or.depa.smartcity.support.TestRules.BUNDLED).files());
        files.put("texts/labels.en.properties", files.get("texts/labels.en.properties")
                .replace("state.CERTIFIED = Certified", "state.CERTIFIED = Certified smart city"));
        files.put("texts/labels.th.properties", files.get("texts/labels.th.properties")
                .replace("state.CERTIFIED = ได้รับการรับรอง", "state.CERTIFIED = เมืองอัจฉริยะที่ได้รับการรับรอง"));
        com.fasterxml.jackson.databind.node.ObjectNode body = MAPPER.createObjectNode();
        body.set("files", MAPPER.valueToTree(files));
        body.put("note", "a state renamed");
        assertFalse(planReport().contains("Certified smart city"));

        Api.Reply proposed = api().post("/api/rulesets", reviewer, body.toString());
        assertEquals(201, proposed.status(), proposed.raw());
        int v = proposed.body().get("version").asInt();
        String reviewer2 = api().token(Role.REVIEWER, null, null, false);
        try {
            Api.Reply activated = api().post("/api/rulesets/" + v + "/activate", reviewer2, "{}");
            assertEquals(200, activated.status(), activated.raw());
            String html = planReport();
            assertTrue(html.contains("Certified smart city") && html.contains("เมืองอัจฉริยะที่ได้รับการรับรอง"), html);
            Response decisions = api().request("/api/reports/decisions" + query("format", "html"), office).get();
            assertTrue(decisions.readEntity(String.class).contains("Certified smart city"));
        } finally {
            Api.Reply back = api().post("/api/rulesets/" + before + "/rollback", reviewer, "{}");
            assertEquals(200, back.status(), back.raw());
        }
        assertFalse(planReport().contains("Certified smart city"), "the rolled-back rule set names it as before");
    }

    private String planReport() {
        Response r = api().request("/api/plans/" + certified + "/report?format=html", office).get();
        assertEquals(200, r.getStatus());
        return r.readEntity(String.class);
    }

    static void assertField(Api.Reply r, String field) {
        assertEquals(422, r.status(), r.raw());
        assertEquals(422, r.body().get("code").asInt());
        assertEquals(field, r.body().get("errors").get(0).get("field").asText(), r.raw());
    }

    static Map<String, Integer> counts(JsonNode object) {
        Map<String, Integer> m = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asInt()));
        return m;
    }

    static Map<String, Integer> nonZero(Map<String, Integer> counts) {
        Map<String, Integer> m = new LinkedHashMap<>(counts);
        m.values().removeIf(v -> v == 0);
        return m;
    }

    static Map<String, String> byHeader(List<List<String>> rows, String id) {
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.get(0).equals(id)) {
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < rows.get(0).size(); i++) {
                    m.put(rows.get(0).get(i), row.get(i));
                }
                return m;
            }
        }
        throw new AssertionError("no row for " + id);
    }
}
