package th.or.depa.smartcity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestApps;
import th.or.depa.smartcity.support.TestDatabases;
import th.or.depa.smartcity.support.TestRules;

/**
 * The reviewer's pages over HTTP on H2: who sees which button, who may post which form (the role checked on the
 * server, not only hidden), CSRF tokens on every form, the threshold form's refusals. The whole path in a browser is
 * WebViewBrowserTest's.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RuleSetPagesH2Test {

    static final DropwizardAppExtension<SmartCityConfiguration> APP = TestApps.on(TestDatabases.freshH2());

    static Api api;
    static WebForms web;
    static String proposer;
    static String second;
    static String office;
    static int proposed;

    @BeforeAll
    static void aProposalWithFourDomains() {
        web = new WebForms(APP);
        api = new Api(APP);
        proposer = api.token(Role.REVIEWER, null, null, false);
        second = api.token(Role.REVIEWER, null, null, false);
        office = api.token(Role.OFFICE, null, null, false);
        ObjectMapper json = new ObjectMapper();
        ObjectNode body = json.createObjectNode();
        body.set("files", json.valueToTree(TestRules.withParameter("minDomains", "4")));
        body.put("note", "four domains <b>now</b>");
        Api.Reply r = api.post("/api/rulesets", proposer, body.toString());
        assertEquals(201, r.status(), r.raw());
        proposed = r.body().get("version").asInt();
    }

    static String status(int version) {
        return api.get("/api/rulesets/" + version, office).body().get("status").asText();
    }

    static String csrf(String cookie) throws Exception {
        return WebForms.hidden(web.get("/ui/rulesets", cookie).body(), "csrf");
    }

    @Test
    void everyoneSignedInReadsTheVersionsAndOnlyAReviewerIsOfferedTheForms() throws Exception {
        String cookie = web.session(office);
        HttpResponse<String> list = web.get("/ui/rulesets", cookie);
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().contains("href=\"/ui/rulesets/" + proposed + "\""), list.body());
        assertTrue(list.body().contains("data-state=\"PROPOSED\""), list.body());
        assertFalse(list.body().contains("id=\"propose\""), "no threshold form for the office");
        assertTrue(list.body().contains("four domains &lt;b&gt;now&lt;/b&gt;"), "the note is escaped");

        HttpResponse<String> page = web.get("/ui/rulesets/" + proposed, cookie);
        assertEquals(200, page.statusCode(), page.body());
        assertFalse(page.body().contains("id=\"activate\""), "no activate button for the office");
        assertFalse(page.body().contains("id=\"impact\""));
        assertTrue(page.body().contains("<tr class=\"parameter\" data-name=\"minDomains\"><td><code>minDomains</code></td>"
                + "<td class=\"old\">2</td><td class=\"new\">4</td></tr>"), page.body());
        assertTrue(page.body().contains("<span class=\"add\">+minDomains,4,"), page.body());
        assertTrue(page.body().contains("<span class=\"del\">-minDomains,2,"), page.body());
        assertEquals(404, web.get("/ui/rulesets/9999", cookie).statusCode());

        String reviewer = web.session(second);
        HttpResponse<String> mine = web.get("/ui/rulesets/" + proposed, reviewer);
        assertTrue(mine.body().contains("id=\"activate\"") && mine.body().contains("id=\"impact\""), mine.body());
    }

    @Test
    void aFormWithoutItsSessionsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        String cookie = web.session(second);
        for (String path : new String[] {"/activate", "/impact", "/rollback"}) {
            HttpResponse<String> none = web.post("/ui/rulesets/" + proposed + path, "", cookie);
            assertEquals(403, none.statusCode(), path + ": " + none.body());
            assertTrue(none.body().contains("แบบฟอร์มหมดอายุ"), none.body());
            HttpResponse<String> wrong = web.post("/ui/rulesets/" + proposed + path,
                    "csrf=" + csrf(web.session(office)), cookie);
            assertEquals(403, wrong.statusCode(), "another session's token: " + path);
        }
        assertEquals(403, web.post("/ui/rulesets/propose", "base=1&value.minDomains=5", cookie).statusCode());
        assertEquals("PROPOSED", status(proposed));
        assertEquals(2, api.get("/api/rulesets", office).body().get("items").size(), "nothing proposed");
    }

    @Test
    void theRoleIsCheckedOnTheServerNotOnlyByHidingButtons() throws Exception {
        String cookie = web.session(office);
        String token = csrf(cookie);
        for (String path : new String[] {"/activate", "/impact"}) {
            HttpResponse<String> r = web.post("/ui/rulesets/" + proposed + path, "csrf=" + token, cookie);
            assertEquals(403, r.statusCode(), path);
            assertTrue(r.body().contains("บทบาทของคุณไม่มีสิทธิ์") && r.body().contains("Your role may not do this."));
        }
        assertEquals(403, web.get("/ui/rulesets/propose", cookie).statusCode());
        assertEquals(403, web.post("/ui/rulesets/propose", "csrf=" + token + "&base=1&value.minDomains=5",
                cookie).statusCode());
        assertEquals("PROPOSED", status(proposed));
    }

    @Test
    void impactAnalysisRunsAsAJobWhoseProgressThePagePollsAndEndsInATable() throws Exception {
        String plan = api.post("/api/plans", api.city("org-" + java.util.UUID.randomUUID()),
                Api.example("phuket-livable-pass")).body().get("plan").get("id").asText();
        String cookie = web.session(second);
        HttpResponse<String> started = web.post("/ui/rulesets/" + proposed + "/impact", "csrf=" + csrf(cookie), cookie);
        assertEquals(303, started.statusCode(), started.body());
        String job = started.headers().firstValue("Location").orElseThrow();
        assertTrue(job.startsWith("/ui/rulesets/" + proposed + "/impact/"), job);

        ObjectMapper json = new ObjectMapper();
        long deadline = System.currentTimeMillis() + 120_000;
        com.fasterxml.jackson.databind.JsonNode progress;
        do {
            HttpResponse<String> p = web.get(job + "/progress", cookie);
            assertEquals(200, p.statusCode(), p.body());
            assertTrue(p.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
            progress = json.readTree(p.body());
            if (!progress.get("state").asText().equals("DONE")) {
                assertTrue(Set.of("QUEUED", "RUNNING").contains(progress.get("state").asText()), progress.toString());
                HttpResponse<String> running = web.get(job, cookie);
                assertTrue(running.body().contains("id=\"impact-progress\"")
                        || running.body().contains("id=\"impact-summary\""), "progress until done");
                Thread.sleep(300);
            }
        } while (!progress.get("state").asText().equals("DONE") && System.currentTimeMillis() < deadline);
        assertEquals("DONE", progress.get("state").asText(), progress.toString());
        assertEquals(progress.get("total").asLong(), progress.get("done").asLong());

        HttpResponse<String> result = web.get(job, cookie);
        assertEquals(200, result.statusCode());
        assertFalse(result.body().contains("id=\"impact-job\""), "no more polling");
        assertTrue(result.body().contains("<td id=\"pass-to-fail\">1</td>"), "Phuket has 3 domains: " + result.body());
        assertTrue(result.body().contains("<tr class=\"changed-plan\" data-plan=\"" + plan + "\">"), result.body());
        assertTrue(result.body().contains("<tr class=\"criterion-change\" data-criterion=\"SC-03\">"), result.body());

        assertEquals(404, web.get("/ui/rulesets/" + proposed + "/impact/no-such-job", cookie).statusCode());
        assertEquals(403, web.get(job, web.session(office)).statusCode(), "impact is the reviewers'");
    }

    @Test
    void theProposerIsRefusedInBothLanguagesAndTheVersionStaysProposed() throws Exception {
        String cookie = web.session(proposer);
        HttpResponse<String> r = web.post("/ui/rulesets/" + proposed + "/activate", "csrf=" + csrf(cookie),
                cookie);
        assertEquals(409, r.statusCode(), r.body());
        assertTrue(r.body().contains("คำขอถูกปฏิเสธ") && r.body().contains("The request was refused"), r.body());
        assertTrue(r.body().contains("proposer cannot activate"), r.body());
        assertEquals("PROPOSED", status(proposed));
    }

    @Test
    void theThresholdFormListsEveryThresholdWithItsMeaningAndRefusesBadValuesByName() throws Exception {
        String cookie = web.session(second);
        HttpResponse<String> form = web.get("/ui/rulesets/propose", cookie);
        assertEquals(200, form.statusCode(), form.body());
        String csv = java.nio.file.Files.readString(TestRules.BUNDLED.resolve("parameters.csv"));
        long lines = csv.lines().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("name,"))
                .count();
        Matcher rows = Pattern.compile("<tr class=\"threshold\" data-name=\"([A-Za-z]+)\">").matcher(form.body());
        int n = 0;
        while (rows.find()) {
            n++;
        }
        assertEquals(lines, n, form.body());
        assertTrue(form.body().contains("name=\"value.minDomains\" value=\"2\""), form.body());
        assertTrue(form.body().contains("SC-03: smart domains with at least one service"), form.body());
        String csrf = WebForms.hidden(form.body(), "csrf");

        HttpResponse<String> same = web.post("/ui/rulesets/propose", "csrf=" + csrf + "&base=1&value.minDomains=2"
                + "&note=x", cookie);
        assertEquals(422, same.statusCode());
        assertTrue(same.body().contains("id=\"unchanged\""), same.body());
        HttpResponse<String> wrong = web.post("/ui/rulesets/propose", "csrf=" + csrf
                + "&base=1&value.minDomains=2%2C3&value.minGoals=2&value.requiredDomains=environment&note=x", cookie);
        assertEquals(422, wrong.statusCode());
        assertTrue(wrong.body().contains("name=\"value.minDomains\" value=\"2,3\" maxlength=\"200\"/> "
                + "<span class=\"error problem\"><span lang=\"th\">ต้องเป็นจำนวนเต็ม"), wrong.body());
        assertTrue(wrong.body().contains("must be codes in capital letters"), "requiredDomains is a list of codes");
        assertTrue(wrong.body().contains("name=\"value.minGoals\" value=\"2\""), "the other edits are kept");
        assertEquals(2, api.get("/api/rulesets", office).body().get("items").size(), "nothing proposed");
    }
}
