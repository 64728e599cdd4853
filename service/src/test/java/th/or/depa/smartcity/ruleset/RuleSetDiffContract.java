package th.or.depa.smartcity.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestRules;

/**
 * GET /api/rulesets/{v}/diff per database: a proposal with one threshold and one rule file changed, against the
 * version in force by default or against a version named in the query.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RuleSetDiffContract {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SC01 = "criteria/SC-01-vision-and-goals.drl";
    static final String ADDED_LINE = "// Reviewed by the office in 2026: the wording of the goals is unchanged.";

    abstract Api api();

    String reviewer;
    String office;
    int inForce;
    int proposed;

    @BeforeAll
    void aProposalWithOneThresholdAndOneRuleFileChanged() {
        reviewer = api().token(Role.REVIEWER, null, null, false);
        office = api().token(Role.OFFICE, null, null, false);
        inForce = api().get("/api/criteria", null).body().get("ruleSet").get("version").asInt();
        Map<String, String> files = TestRules.withParameter("minDomains", "4");
        files.put(SC01, files.get(SC01) + ADDED_LINE + "\n");
        ObjectNode body = JSON.createObjectNode();
        body.set("files", JSON.valueToTree(files));
        body.put("note", "four domains");
        Api.Reply r = api().post("/api/rulesets", reviewer, body.toString());
        assertEquals(201, r.status(), r.raw());
        proposed = r.body().get("version").asInt();
    }

    @Test
    void aProposalIsComparedWithTheVersionInForceByDefault() {
        Api.Reply r = api().get("/api/rulesets/" + proposed + "/diff", office);
        assertEquals(200, r.status(), r.raw());
        assertEquals(proposed, r.body().get("version").asInt());
        assertEquals(inForce, r.body().get("against").asInt());

        JsonNode files = r.body().get("files");
        assertEquals(2, files.size(), files.toString());
        JsonNode sc01 = files.get(0);
        assertEquals(SC01, sc01.get("path").asText());
        assertEquals("CHANGED", sc01.get("change").asText());
        String diff = sc01.get("diff").asText();
        assertTrue(diff.startsWith("--- a/" + SC01 + "\n+++ b/" + SC01 + "\n@@ "), diff);
        assertTrue(diff.contains("\n+" + ADDED_LINE + "\n"), diff);
        assertEquals(1, diff.lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")).count(), diff);
        assertEquals(0, diff.lines().filter(l -> l.startsWith("-") && !l.startsWith("---")).count(), diff);

        JsonNode params = files.get(1);
        assertEquals("parameters.csv", params.get("path").asText());
        assertEquals("CHANGED", params.get("change").asText());
        assertTrue(params.get("diff").asText().contains("\n-minDomains,2,"), params.toString());
        assertTrue(params.get("diff").asText().contains("\n+minDomains,4,"), params.toString());

        JsonNode thresholds = r.body().get("parameters");
        assertEquals(1, thresholds.size(), thresholds.toString());
        assertEquals("minDomains", thresholds.get(0).get("name").asText());
        assertEquals("2", thresholds.get(0).get("old").asText());
        assertEquals("4", thresholds.get(0).get("new").asText());
        assertEquals("minDomains: 2 → 4", thresholds.get(0).get("change").asText());
    }

    @Test
    void theOtherWayRoundTheOldValueIsTheProposals() {
        Api.Reply r = api().get("/api/rulesets/" + inForce + "/diff?against=" + proposed, reviewer);
        assertEquals(200, r.status(), r.raw());
        assertEquals(proposed, r.body().get("against").asInt());
        assertEquals("minDomains: 4 → 2", r.body().get("parameters").get(0).get("change").asText());
        assertTrue(r.body().get("files").get(0).get("diff").asText().contains("\n-" + ADDED_LINE + "\n"));
    }

    @Test
    void aVersionAgainstItselfHasNoChanges() {
        Api.Reply r = api().get("/api/rulesets/" + proposed + "/diff?against=" + proposed, reviewer);
        assertEquals(200, r.status(), r.raw());
        assertEquals(0, r.body().get("files").size());
        assertEquals(0, r.body().get("parameters").size());
    }

    @Test
    void anUnknownVersionIs404AndABadAgainstIs422NamingIt() {
        assertEquals(404, api().get("/api/rulesets/9999/diff", reviewer).status());
        assertEquals(404, api().get("/api/rulesets/abc/diff", reviewer).status());
        for (String against : new String[] {"abc", "9999", "1.5"}) {
            Api.Reply r = api().get("/api/rulesets/" + proposed + "/diff?against=" + against, reviewer);
            assertEquals(422, r.status(), against + ": " + r.raw());
            assertEquals("against", r.body().get("errors").get(0).get("field").asText(), r.raw());
        }
    }

    @Test
    void staffReadDiffsAndACityMayNot() {
        assertEquals(403, api().get("/api/rulesets/" + proposed + "/diff", api().city("org-" + UUID.randomUUID()))
                .status());
        assertEquals(401, api().get("/api/rulesets/" + proposed + "/diff", null).status());
    }
}
