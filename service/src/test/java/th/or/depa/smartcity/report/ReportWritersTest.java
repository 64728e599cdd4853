package th.or.depa.smartcity.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.jackson.Jackson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.SmartCityApplication;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.plan.Provinces;

/** The report writers without a database: CSV quoting, HTML escaping, the JSON's shape. */
class ReportWritersTest {

    static final Instant AT = Instant.parse("2026-05-01T03:04:05.123456Z");

    static DecisionLine line(String city, String cityTh) {
        Evaluation.CriterionResult sc03 = new Evaluation.CriterionResult("SC-03",
                new Evaluation.Bilingual("Smart domains", "ด้านของเมืองอัจฉริยะ"), true, "NOT_MET",
                new Evaluation.Bilingual("<b>one</b> domain", "หนึ่งด้าน"), Map.of(), "rule");
        return new DecisionLine("id-1", "org, \"a\"", city, cityTh, "Phuket", "LIVABLE", "NOT_ELIGIBLE", "FAIL",
                List.of("SC-03"), List.of("SC-A2", "SC-A4"), List.of("ENVIRONMENT", "LIVING"), AT, AT,
                List.of(new DecisionLine.Tally("SUBCOMMITTEE", 2, 1, 0, 1, "APPROVED")),
                new DecisionLine.Dates("2026-05-01", "2028-05-01", "VALID"), List.of(sc03));
    }

    @Test
    void csvFieldsAreQuotedAsRfc4180Says() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DecisionCsv.write(List.of(line("Phuket, \"Old\"\r\nTown", "นครภูเก็ต")).iterator(), out);
        byte[] bytes = out.toByteArray();
        assertEquals("\uFEFF", new String(bytes, 0, 3, StandardCharsets.UTF_8));
        List<List<String>> rows = CsvReader.parse(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        assertEquals(2, rows.size());
        assertEquals(List.of("id-1", "org, \"a\"", "Phuket, \"Old\"\r\nTown", "นครภูเก็ต", "Phuket", "LIVABLE",
                "NOT_ELIGIBLE", "FAIL", "SC-03", "SC-A2 SC-A4", "ENVIRONMENT LIVING", "2026-05-01T03:04:05.123456Z",
                "2026-05-01T03:04:05.123456Z", "2026-05-01", "2028-05-01"), rows.get(1));
        assertEquals("plain", Csv.field("plain"));
        assertEquals("\"a,b\"", Csv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("", Csv.field(null));
    }

    @Test
    void aCellThatASpreadsheetWouldRunAsAFormulaStartsWithAQuote() {
        for (String formula : List.of("=HYPERLINK(\"http://x\",\"y\")", "-2+3+cmd|' /C calc'!A0", "+1", "@SUM(A1)",
                "\tx", "\rx")) {
            String cell = Csv.field(formula);
            String unquoted = cell.startsWith("\"") ? cell.substring(1, cell.length() - 1).replace("\"\"", "\"") : cell;
            assertEquals("'" + formula, unquoted, formula);
        }
        assertEquals("Phuket", Csv.field("Phuket"), "other cells stay as they are");
        assertEquals("a=b", Csv.field("a=b"), "only the first character counts");
        assertEquals("", Csv.field(""));
    }

    static final DecisionSeries.Series NO_SERIES = new DecisionSeries.Series(List.of(),
            new PeriodCounts(null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, List.of()), List.of());

    @Test
    void htmlEscapesEveryTextAndDrawsSvgCharts() throws Exception {
        DecisionTotals totals = new DecisionTotals();
        DecisionLine evil = line("<script>alert('x')</script>", "เมือง & <i>");
        totals.add(evil);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DecisionQuery q = new DecisionQuery(null, null, null, null, DecisionQuery.Format.HTML);
        new DecisionPage(Provinces.load(), th.or.depa.smartcity.evaluation.Texts.of(
                th.or.depa.smartcity.engine.RuleFiles.readFolder(java.nio.file.Path.of("../rules")))).write(q, totals, NO_SERIES, List.of(evil).iterator(), AT, out);
        String html = out.toString(StandardCharsets.UTF_8);
        assertFalse(html.contains("<script"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assertTrue(html.contains("เมือง &amp; &lt;i&gt;"));
        assertTrue(html.contains("<svg"));
        assertTrue(html.contains("ด้านของเมืองอัจฉริยะ"), "the unmet criterion's Thai title labels its bar");
        assertTrue(html.contains("ภูเก็ต"), "the province in Thai");
        assertEquals("&#39;&quot;&amp;\uFFFD", Html.text("'\"&\u0001"));
    }

    @Test
    void theJsonHasPlansThenTotals() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var mapper = SmartCityApplication.configure(Jackson.newObjectMapper());
        DecisionQuery q = DecisionQuery.parse("2026-01-01", "2026-12-31", null, null, null, Provinces.load());
        DecisionJson.write(mapper, q, List.of(line("Phuket City", "นครภูเก็ต")).iterator(), NO_SERIES, out);
        JsonNode json = mapper.readTree(out.toByteArray());
        assertEquals("2026-01-01", json.get("from").asText());
        assertEquals("2026-12-31", json.get("to").asText());
        assertEquals("2026-05-01T03:04:05.123456Z", json.get("plans").get(0).get("updatedAt").asText());
        assertEquals(null, json.get("plans").get(0).get("criteria"), "criteria are only for the totals");
        assertEquals("{\"plans\":1,\"byState\":{\"NOT_ELIGIBLE\":1},\"byProvince\":{\"Phuket\":1},"
                + "\"byDomain\":{\"ENVIRONMENT\":1,\"LIVING\":1},\"unmetByCriterion\":{\"SC-03\":1}}",
                json.get("totals").toString());
    }

    @Test
    void aPdfOfMorePlansThanTheBoundIsA422NamingFormat() {
        DecisionTotals totals = new DecisionTotals();
        totals.add(line("A", "ก"));
        totals.add(line("B", "ข"));
        DecisionPdf.checkSize(totals, 2);
        th.or.depa.smartcity.plan.PlanFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                th.or.depa.smartcity.plan.PlanFormatException.class, () -> DecisionPdf.checkSize(totals, 1));
        assertEquals(422, e.status());
        assertEquals("format", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains("narrow the period"), e.errors().get(0).message());
    }
}
