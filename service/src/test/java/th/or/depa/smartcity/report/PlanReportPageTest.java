package th.or.depa.smartcity.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.plan.PlanService;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.store.EventRow;
import th.or.depa.smartcity.store.PlanRow;

/** The plan report from its templates: well-formed XHTML whatever the plan says, with the rows others rely on. */
class PlanReportPageTest {

    static final Instant AT = Instant.parse("2026-11-20T03:00:00Z");
    static final String EVIL = "<script>alert('x')</script> & \u0001";

    @Test
    void theReportIsWellFormedXhtmlWithEveryTextEscapedAndTheCriteriaRowsAndCertificate() throws Exception {
        Texts texts = Texts.of(RuleFiles.readFolder(Path.of("../rules")));
        PlanRow row = new PlanRow("p1", "org & co", "u1", EVIL, EVIL, "เมือง & <i>", "Phuket", "LIVABLE", 1,
                "CERTIFIED", "PASS", "e1", null, AT, AT, 1, 2);
        Evaluation ev = new Evaluation("e1", "p1", 1, new Evaluation.RuleSetRef(1, "abc"), "PASS",
                List.of(new Evaluation.CriterionResult("SC-03", new Bilingual("Smart domains", "ด้านของเมืองอัจฉริยะ"),
                        true, "MET", new Bilingual("3 domains " + EVIL, "3 ด้าน"), Map.of("domains", 3, "minDomains", 2),
                        "r")), new Evaluation.Summary(1, 0, 0), AT);
        ObjectMapper json = new ObjectMapper();
        EventRow vote = new EventRow("p1", 2, "VOTE", "m1", "member " + EVIL, "COMMITTEE", AT, "COMMITTEE_REVIEW",
                "COMMITTEE_REVIEW", EVIL, 1, "abc", "{\"body\":\"COMMITTEE\",\"round\":2,\"vote\":\"APPROVE\"}", null,
                null, null, null);
        EventRow action = new EventRow("p1", 3, "ACTION", "c1", "chair", "COMMITTEE", AT, "COMMITTEE_REVIEW",
                "CERTIFIED", null, 1, "abc", "{\"action\":\"CLOSE_VOTE\"}", null, null, null, null);
        PlanReport report = new PlanReport(new PlanService.PlanDetails(row, json.readTree("{\"applicant\":{\"name\":\"A & B\"}}"), ev),
                json.readTree("{\"validFrom\":\"2026-11-20\",\"validUntil\":\"2029-11-19\",\"domains\":[\"LIVING\"]}"),
                List.of(vote, action), true, List.of(json.readTree("{\"body\":\"COMMITTEE\",\"members\":2,\"present\":2,"
                + "\"recused\":0,\"approve\":2,\"reject\":0,\"abstain\":0,\"chairVote\":\"APPROVE\",\"quorumMet\":true,"
                + "\"result\":\"APPROVED\"}")), ev.ruleSet());

        String html = new PlanReportPage(Provinces.load(), () -> texts).render(report, AT);

        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("\u0001"), "a character XML forbids is replaced");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertTrue(html.contains("<tr class=\"criterion\" data-criterion=\"SC-03\" data-status=\"MET\">"), html);
        assertTrue(html.contains("data-name=\"minDomains\""), "the figures the rule looked at");
        assertTrue(html.contains("id=\"certificate\" data-valid-from=\"2026-11-20\""), html);
        assertTrue(html.contains("ด้านของเมืองอัจฉริยะ") && html.contains("Smart domains"));
        assertTrue(html.contains("ภูเก็ต"), "the province in Thai");
        assertTrue(html.contains("data-action=\"CLOSE_VOTE\""));
        assertEquals("plan-report", doc.getDocumentElement().getElementsByTagName("body").item(0).getAttributes()
                .getNamedItem("class").getNodeValue());
    }
}
