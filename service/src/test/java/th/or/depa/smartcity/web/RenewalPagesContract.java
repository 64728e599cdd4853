package th.or.depa.smartcity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;

/**
 * A city's renewal page over plain HTTP, per database: two instances share it, now() on today's clock (where the plan
 * is certified) and later() 650 days ahead, inside the renewal window. Same RenewalService path as the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RenewalPagesContract {

    abstract DropwizardAppExtension<SmartCityConfiguration> now();

    abstract DropwizardAppExtension<SmartCityConfiguration> later();

    Api api;
    Api apiLater;
    String office;
    String s1;
    String s2;
    String c1;
    String c2;

    @BeforeAll
    void bodies() {
        api = new Api(now());
        apiLater = new Api(later());
        office = api.token(Role.OFFICE, null, null, false);
        s1 = api.token(Role.COMMITTEE, null, "SUBCOMMITTEE", true);
        s2 = api.token(Role.COMMITTEE, null, "SUBCOMMITTEE", false);
        c1 = api.token(Role.COMMITTEE, null, "COMMITTEE", true);
        c2 = api.token(Role.COMMITTEE, null, "COMMITTEE", false);
    }

    String certified(String city) {
        Api.Reply r = api.post("/api/plans", city, Api.example("phuket-livable-pass"));
        String id = r.body().path("plan").path("id").asText();
        assertEquals(200, api.post("/api/plans/" + id + "/actions", office, "{\"action\":\"FORWARD\"}").status());
        for (String[] body : new String[][] {{s1, s2}, {c1, c2}}) {
            for (String member : body) {
                assertEquals(200, api.post("/api/plans/" + id + "/votes", member, "{\"vote\":\"APPROVE\"}").status());
            }
            assertEquals(200, api.post("/api/plans/" + id + "/actions", body[0], "{\"action\":\"CLOSE_VOTE\"}")
                    .status());
        }
        assertEquals("CERTIFIED", state(id, city));
        return id;
    }

    String state(String id, String token) {
        return api.get("/api/plans/" + id, token).body().path("plan").path("state").asText();
    }

    String url(DropwizardAppExtension<SmartCityConfiguration> app, String path) {
        return "http://localhost:" + app.getLocalPort() + path;
    }

    @Test
    void aCityRenewsFromItsPlanPageWithinTheWindowOnly() throws Exception {
        String city = api.city("org-" + UUID.randomUUID());
        String id = certified(city);
        WebForms today = new WebForms(now());
        HttpResponse<String> planToday = today.get("/ui/plans/" + id, today.session(city));
        assertEquals(200, planToday.statusCode());
        assertFalse(planToday.body().contains("id=\"renew\""), "no renewal link outside the window");

        WebForms web = new WebForms(later());
        String session = web.session(city);
        HttpResponse<String> plan = web.get("/ui/plans/" + id, session);
        assertTrue(plan.body().contains("href=\"/ui/plans/" + id + "/renewal\""), plan.body());
        HttpResponse<String> form = web.get("/ui/plans/" + id + "/renewal", session);
        assertEquals(200, form.statusCode(), form.body());
        assertTrue(form.body().contains("Daily bus riders") && form.body().contains("รายงานความก้าวหน้า"),
                form.body());
        String csrf = WebForms.hidden(form.body(), "csrf");

        // the blank report as the form gives it: nothing delivered, so RN-02 fails and the plan stays certified
        String blank = between(form.body());
        HttpResponse<String> failed = new MultipartForm().field("csrf", csrf)
                .field("key", WebForms.hidden(form.body(), "key")).field("plan", blank)
                .post(url(later(), "/ui/plans/" + id + "/renewal"), session);
        assertEquals(303, failed.statusCode(), failed.body());
        assertEquals("CERTIFIED", state(id, city));
        assertEquals("FAIL", apiLater.get("/api/plans/" + id + "/renewal", city).body().path("evaluation")
                .path("outcome").asText());

        HttpResponse<String> bad = new MultipartForm().field("csrf", csrf).field("key", "k-" + UUID.randomUUID())
                .field("plan", "{\"kpis\":[]}").post(url(later(), "/ui/plans/" + id + "/renewal"), session);
        assertEquals(422, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("data-field=\"dataPlatform\""), bad.body());

        int year = java.time.LocalDate.now().plusDays(650).getYear();
        String good = ("{'kpis':[{'kpi':'Beaches with real-time water quality data','achieved':12,'year':@Y},"
                + "{'kpi':'Median emergency response time','achieved':7,'year':@Y},"
                + "{'kpi':'Daily bus riders','achieved':9000,'year':@Y}],"
                + "'services':[{'service':'Beach water quality sensors','status':'DELIVERED','spentToDate':1},"
                + "{'service':'Tourist safety band and emergency call','status':'DELIVERED','spentToDate':1},"
                + "{'service':'Smart bus with live arrival times','status':'DELIVERED','spentToDate':1}],"
                + "'dataPlatform':{'operating':true}}").replace('\'', '"').replace("@Y", String.valueOf(year));
        HttpResponse<String> sent = new MultipartForm().field("csrf", csrf).field("key", "k-" + UUID.randomUUID())
                .field("plan", good).post(url(later(), "/ui/plans/" + id + "/renewal"), session);
        assertEquals(303, sent.statusCode(), sent.body());
        assertEquals("RENEWAL_SCREENING", state(id, city));

        String staff = web.session(office);
        assertEquals(403, web.get("/ui/plans/" + id + "/renewal", staff).statusCode());
        HttpResponse<String> queue = web.get("/ui/screening", staff);
        assertTrue(queue.body().contains(id), "the office's queue lists the renewal");
    }

    /** The textarea's text, unescaped as a browser would send it. */
    static String between(String html) {
        int start = html.indexOf('>', html.indexOf("<textarea")) + 1;
        String text = html.substring(start, html.indexOf("</textarea>", start));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("&#(\\d+);").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(
                    String.valueOf((char) Integer.parseInt(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString().replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
