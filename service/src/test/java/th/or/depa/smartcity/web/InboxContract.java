package th.or.depa.smartcity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;

/** /ui/inbox: each user's notifications, in Thai and English, linked to the plan; a city sees only its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InboxContract {

    abstract DropwizardAppExtension<SmartCityConfiguration> app();

    @Test
    void eachUserReadsTheNotificationsMeantForThem() throws Exception {
        Api api = new Api(app());
        WebForms web = new WebForms(app());
        String cityA = api.city("org-a-" + UUID.randomUUID());
        String cityB = api.city("org-b-" + UUID.randomUUID());
        String office = api.token(Role.OFFICE, null, null, false);
        String sub = api.token(Role.COMMITTEE, null, "SUBCOMMITTEE", false);
        String committee = api.token(Role.COMMITTEE, null, "COMMITTEE", false);
        Api.Reply submitted = api.post("/api/plans", cityA, Api.example("phuket-livable-pass"));
        assertEquals(201, submitted.status(), submitted.raw());
        String id = submitted.body().get("plan").get("id").asText();
        assertEquals(200, api.post("/api/plans/" + id + "/actions", office, "{\"action\":\"FORWARD\"}").status());

        HttpResponse<String> a = web.get("/ui/inbox", web.session(cityA));
        assertEquals(200, a.statusCode(), a.body());
        assertTrue(a.body().contains("href=\"/ui/plans/" + id + "\""), a.body());
        assertEquals(2, count(a.body(), "data-kind=\"STATE_CHANGED\""), "screening, then the subcommittee");
        assertTrue(a.body().contains("lang=\"th\"") && a.body().contains("lang=\"en\""));
        assertTrue(a.body().contains("id=\"nav-inbox\""));

        HttpResponse<String> b = web.get("/ui/inbox", web.session(cityB));
        assertEquals(200, b.statusCode());
        assertFalse(b.body().contains(id), "another city sees nothing of it");
        assertTrue(b.body().contains("id=\"inbox-empty\""));

        HttpResponse<String> s = web.get("/ui/inbox", web.session(sub));
        assertEquals(1, count(s.body(), "href=\"/ui/plans/" + id + "\""), "the subcommittee: its review begins");
        assertFalse(web.get("/ui/inbox", web.session(committee)).body().contains(id), "not yet the committee's");
        assertTrue(web.get("/ui/inbox", web.session(office)).body().contains(id), "the office reads all");
        assertEquals(303, web.get("/ui/inbox", null).statusCode(), "signed out: to the sign-in page");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
