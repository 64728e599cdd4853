package th.or.depa.smartcity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.api.Bodies;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;

/**
 * A city's pages over plain HTTP with cookies, per database (CityPagesH2Test, CityPagesPostgresTest): what a CITY
 * session may reach (its own plans only, never the reports or rule sets), the forms' CSRF tokens and one-time keys,
 * the size limit, and the refusals shown in the form. The whole path in a browser is CityBrowserContract's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CityPagesContract {

    abstract DropwizardAppExtension<SmartCityConfiguration> app();

    Api api;
    WebForms web;
    String cityA;
    String cityB;
    String planA;        // A's, SCREENING
    String notEligibleA; // A's, NOT_ELIGIBLE

    @BeforeAll
    void seed() {
        api = new Api(app());
        web = new WebForms(app());
        cityA = api.city("org-a-" + UUID.randomUUID());
        cityB = api.city("org-b-" + UUID.randomUUID());
        planA = submit(cityA, Api.example("phuket-livable-pass"));
        notEligibleA = submit(cityA, Api.example("one-domain-fails-sc03"));
    }

    String submit(String token, String plan) {
        Api.Reply r = api.post("/api/plans", token, plan);
        assertEquals(201, r.status(), r.raw());
        return r.body().path("plan").path("id").asText();
    }

    long total(String token) {
        return api.get("/api/plans", token).body().get("total").asLong();
    }

    int revision(String planId) {
        return api.get("/api/plans/" + planId, cityA).body().path("plan").path("revision").asInt();
    }

    String state(String planId) {
        return api.get("/api/plans/" + planId, cityA).body().path("plan").path("state").asText();
    }

    String url(String path) {
        return "http://localhost:" + app().getLocalPort() + path;
    }

    /** The submit form's CSRF token and one-time key, as a fresh GET gives them. */
    String[] submitForm(String cookie) throws Exception {
        HttpResponse<String> form = web.get("/ui/submit", cookie);
        assertEquals(200, form.statusCode(), form.body());
        return new String[] {WebForms.hidden(form.body(), "csrf"), WebForms.hidden(form.body(), "key")};
    }

    @Nested
    class AnotherOrganisationsPlan {

        @Test
        void isNotFoundOnEveryPageAndFormOfACityAndNothingChanges() throws Exception {
            String b = web.session(cityB);
            String csrf = submitForm(b)[0];
            for (String path : new String[] {"/ui/plans/" + planA, "/ui/plans/" + planA + "/report.pdf",
                "/ui/plans/" + notEligibleA + "/revise"}) {
                HttpResponse<String> r = web.get(path, b);
                assertEquals(404, r.statusCode(), path);
                assertFalse(r.body().contains("Phuket City"), path + " shows nothing of the plan");
            }
            HttpResponse<String> revise = new MultipartForm().field("csrf", csrf)
                    .field("plan", Api.example("phuket-livable-pass")).post(url("/ui/plans/" + notEligibleA + "/revise"), b);
            assertEquals(404, revise.statusCode(), revise.body());
            assertTrue(revise.body().contains("ไม่พบแผน") && revise.body().contains("Plan not found."), revise.body());
            HttpResponse<String> action = web.post("/ui/plans/" + planA + "/actions", "csrf=" + csrf + "&action=WITHDRAW",
                    b);
            assertEquals(404, action.statusCode(), action.body());
            assertEquals(1, revision(notEligibleA));
            assertEquals("NOT_ELIGIBLE", state(notEligibleA));
            assertEquals("SCREENING", state(planA));
        }

        @Test
        void isNotListed() throws Exception {
            HttpResponse<String> list = web.get("/ui/plans", web.session(cityB));
            assertEquals(200, list.statusCode());
            assertFalse(list.body().contains(planA), list.body());
        }
    }

    @Test
    void aCityIsRefusedTheReportsAndTheRuleSetsWithA403Page() throws Exception {
        String a = web.session(cityA);
        for (String path : new String[] {"/ui/decisions", "/ui/decisions.csv", "/ui/rulesets", "/ui/rulesets/1",
            "/ui/rulesets/propose"}) {
            HttpResponse<String> r = web.get(path, a);
            assertEquals(403, r.statusCode(), path);
            assertTrue(r.body().contains("Your role may not do this.") && r.body().contains("บทบาทของคุณไม่มีสิทธิ์"),
                    path + ": " + r.body());
            assertFalse(r.body().contains(planA) || r.body().contains("minDomains"), path + " shows no data");
        }
    }

    @Test
    void otherRolesAreRefusedTheCityForms() throws Exception {
        String office = web.session(api.token(Role.OFFICE, null, null, false));
        assertEquals(403, web.get("/ui/submit", office).statusCode());
        assertEquals(403, web.get("/ui/plans/" + notEligibleA + "/revise", office).statusCode());
        HttpResponse<String> r = new MultipartForm().field("csrf", WebForms.hidden(web.get("/ui/plans", office).body(),
                "csrf")).field("plan", Api.example("phuket-livable-pass")).post(url("/ui/submit"), office);
        assertEquals(403, r.statusCode());
        assertEquals(303, web.get("/ui/submit", null).statusCode(), "signed out: to the sign-in form");
    }

    @Nested
    class Forms {

        @Test
        void withoutOrWithAnotherSessionsCsrfTokenAre403AndStoreNothing() throws Exception {
            String a = web.session(cityA);
            String key = submitForm(a)[1];
            String others = submitForm(web.session(cityA))[0];
            long before = total(cityA);
            for (String csrf : new String[] {null, "", others}) {
                MultipartForm submit = new MultipartForm().field("key", key).field("plan", Api.example("phuket-livable-pass"));
                MultipartForm revise = new MultipartForm().field("plan", Api.example("phuket-livable-pass"));
                if (csrf != null) {
                    submit.field("csrf", csrf);
                    revise.field("csrf", csrf);
                }
                HttpResponse<String> s = submit.post(url("/ui/submit"), a);
                assertEquals(403, s.statusCode(), s.body());
                assertTrue(s.body().contains("แบบฟอร์มหมดอายุ"), s.body());
                assertEquals(403, revise.post(url("/ui/plans/" + notEligibleA + "/revise"), a).statusCode());
            }
            assertEquals(before, total(cityA));
            assertEquals(1, revision(notEligibleA));
        }

        @Test
        void anOversizeUploadIsRefusedAndStoresNothing() throws Exception {
            String a = web.session(cityA);
            String[] form = submitForm(a);
            long before = total(cityA);
            byte[] big = new byte[Bodies.MAX_BYTES + 10];
            Arrays.fill(big, (byte) ' ');
            HttpResponse<String> plan = new MultipartForm().field("csrf", form[0]).field("key", form[1])
                    .file("file", "big.json", big).post(url("/ui/submit"), a);
            assertEquals(413, plan.statusCode(), plan.body());
            assertTrue(plan.body().contains("1 MiB"), plan.body());
            byte[] huge = new byte[(int) PlanForm.MAX_FORM_BYTES + 10];
            Arrays.fill(huge, (byte) ' ');
            HttpResponse<String> body = new MultipartForm().field("csrf", form[0]).field("key", form[1])
                    .file("file", "huge.json", huge).post(url("/ui/submit"), a);
            assertEquals(413, body.statusCode(), body.body());
            assertEquals(before, total(cityA));
        }

        @Test
        void aPastedPlanIsStoredOnceForItsFormEvenWhenSentTwice() throws Exception {
            String a = web.session(cityA);
            String[] form = submitForm(a);
            long before = total(cityA);
            HttpResponse<String> first = new MultipartForm().field("csrf", form[0]).field("key", form[1])
                    .file("file", "", new byte[0]).field("plan", Api.example("phuket-livable-pass"))
                    .post(url("/ui/submit"), a);
            assertEquals(303, first.statusCode(), first.body());
            String location = first.headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith("/ui/plans/"), location);
            HttpResponse<String> again = new MultipartForm().field("csrf", form[0]).field("key", form[1])
                    .file("file", "", new byte[0]).field("plan", Api.example("phuket-livable-pass"))
                    .post(url("/ui/submit"), a);
            assertEquals(location, again.headers().firstValue("Location").orElseThrow(), "the same plan again");
            assertEquals(before + 1, total(cityA));
            assertEquals(200, web.get(location, a).statusCode());
            assertEquals("SCREENING", state(location.substring("/ui/plans/".length())));
        }

        @Test
        void anUploadedFileIsSubmittedInsteadOfThePastedText() throws Exception {
            String a = web.session(cityA);
            String[] form = submitForm(a);
            HttpResponse<String> r = new MultipartForm().field("csrf", form[0]).field("key", form[1])
                    .file("file", "plan.json", Api.example("one-domain-fails-sc03").getBytes(StandardCharsets.UTF_8))
                    .field("plan", "").post(url("/ui/submit"), a);
            assertEquals(303, r.statusCode(), r.body());
            String id = r.headers().firstValue("Location").orElseThrow().substring("/ui/plans/".length());
            assertEquals("NOT_ELIGIBLE", state(id));
        }

        @Test
        void formatProblemsAreListedByFieldWithTheTextKept() throws Exception {
            String a = web.session(cityA);
            String[] form = submitForm(a);
            long before = total(cityA);
            String wrong = Api.example("phuket-livable-pass").replaceFirst("\"province\"\\s*:\\s*\"Phuket\"",
                    "\"province\": \"Atlantis <b>\"");
            HttpResponse<String> r = new MultipartForm().field("csrf", form[0]).field("key", form[1])
                    .field("plan", wrong).post(url("/ui/submit"), a);
            assertEquals(422, r.statusCode(), r.body());
            assertTrue(r.body().contains("<li data-field=\"city.province\">"), r.body());
            assertTrue(r.body().contains("ไม่สามารถอ่านแผนได้") && r.body().contains("The plan could not be read."));
            assertTrue(r.body().contains("Atlantis &lt;b&gt;"), "the text is kept, escaped");
            assertFalse(r.body().contains("Atlantis <b>"));

            HttpResponse<String> broken = new MultipartForm().field("csrf", form[0]).field("key", form[1])
                    .field("plan", "{\"city\": ").post(url("/ui/submit"), a);
            assertEquals(422, broken.statusCode(), broken.body());
            assertTrue(broken.body().contains("<ul id=\"problems\""), broken.body());
            HttpResponse<String> empty = new MultipartForm().field("csrf", form[0]).field("key", form[1])
                    .file("file", "", new byte[0]).field("plan", "").post(url("/ui/submit"), a);
            assertEquals(422, empty.statusCode());
            assertTrue(empty.body().contains("<li data-field=\"file\">"), empty.body());
            assertEquals(before, total(cityA));
        }

        @Test
        void theReviseFormHoldsThePlanAsSentAndSendingItBackMakesARevision() throws Exception {
            String id = submit(cityA, Api.example("no-privacy-fails-sc07"));
            String a = web.session(cityA);
            HttpResponse<String> form = web.get("/ui/plans/" + id + "/revise", a);
            assertEquals(200, form.statusCode(), form.body());
            String text = textarea(form.body());
            assertTrue(text.contains("\"province\" : \"Phuket\""), text);
            HttpResponse<String> r = new MultipartForm().field("csrf", WebForms.hidden(form.body(), "csrf"))
                    .field("plan", text).post(url("/ui/plans/" + id + "/revise"), a);
            assertEquals(303, r.statusCode(), r.body());
            assertEquals("/ui/plans/" + id, r.headers().firstValue("Location").orElseThrow());
            assertEquals(2, api.get("/api/plans/" + id, cityA).body().path("plan").path("revision").asInt());
        }

        @Test
        void aRevisionTheWorkflowRefusesShowsTheReasonInBothLanguagesWith409() throws Exception {
            String a = web.session(cityA);
            HttpResponse<String> form = web.get("/ui/plans/" + planA + "/revise", a);
            HttpResponse<String> r = new MultipartForm().field("csrf", WebForms.hidden(form.body(), "csrf"))
                    .field("plan", Api.example("phuket-livable-pass")).post(url("/ui/plans/" + planA + "/revise"), a);
            assertEquals(409, r.statusCode(), r.body());
            Api.Reply viaApi = Api.reply(api.request("/api/plans/" + planA, cityA).put(jakarta.ws.rs.client.Entity.json(
                    Api.example("phuket-livable-pass"))));
            assertEquals(409, viaApi.status(), viaApi.raw());
            String en = viaApi.body().path("reason").path("en").asText();
            String th = viaApi.body().path("reason").path("th").asText();
            assertFalse(en.isBlank() || th.isBlank(), viaApi.raw());
            assertTrue(r.body().contains("<p class=\"error\" role=\"alert\" id=\"refusal\"><span lang=\"th\">"
                    + th.replace("\"", "&quot;") + "</span> <span class=\"en\" lang=\"en\">"), r.body());
            assertTrue(r.body().contains(en.replace("\"", "&quot;")), r.body());
            assertEquals(1, revision(planA));
        }
    }

    /** The textarea's text, unescaped as a browser would. */
    static String textarea(String html) {
        int start = html.indexOf('>', html.indexOf("<textarea")) + 1;
        String text = html.substring(start, html.indexOf("</textarea>", start));
        return text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#10;", "\n").replace("&amp;", "&");
    }
}
