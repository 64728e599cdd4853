package th.or.depa.smartcity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.store.UserDao;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestApps;
import th.or.depa.smartcity.support.TestDatabases;

/** The web view over HTTP on H2: sign-in outcomes, the session cookie's attributes, sign-out, escaping. */
@ExtendWith(DropwizardExtensionsSupport.class)
class WebViewH2Test {

    static final String URL = TestDatabases.freshH2();
    static final DropwizardAppExtension<SmartCityConfiguration> APP = TestApps.on(URL);
    static final String EVIL = "<script>alert('x')</script> Town";
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static Api api;
    static String evilPlan;

    @BeforeAll
    static void seed() throws Exception {
        api = new Api(APP);
        ObjectMapper json = new ObjectMapper();
        ObjectNode plan = (ObjectNode) json.readTree(Api.example("phuket-livable-pass"));
        ((ObjectNode) plan.get("city")).put("name", EVIL);
        Api.Reply r = api.post("/api/plans", api.city("org-" + UUID.randomUUID()), json.writeValueAsString(plan));
        assertEquals(201, r.status(), r.raw());
        evilPlan = r.body().path("plan").path("id").asText();
    }

    static String base() {
        return "http://localhost:" + APP.getLocalPort();
    }

    static HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> post(String path, String form, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> signIn(String token) throws Exception {
        return post("/ui/signin", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8), null);
    }

    /** Signs in and returns the Cookie header value to send back. */
    static String session(String token) throws Exception {
        HttpResponse<String> r = signIn(token);
        assertEquals(303, r.statusCode(), r.body());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void theSignInFormIsServedWithoutASession() throws Exception {
        HttpResponse<String> r = get("/ui/signin", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("name=\"token\""), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    }

    @Test
    void aBadTokenIsA401Page() throws Exception {
        HttpResponse<String> r = signIn("not-a-token");
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("โทเค็นไม่ถูกต้อง"), r.body());
        assertTrue(r.headers().firstValue("Set-Cookie").isEmpty());
        assertEquals(401, post("/ui/signin", "token=", null).statusCode());
    }

    @Test
    void aCityTokenIsA403Page() throws Exception {
        HttpResponse<String> r = signIn(api.city("org-" + UUID.randomUUID()));
        assertEquals(403, r.statusCode());
        assertTrue(r.headers().firstValue("Set-Cookie").isEmpty());
    }

    @Test
    void anOfficeTokenGetsASecureSessionCookieThatOpensThePlans() throws Exception {
        String token = api.token(Role.OFFICE, null, null, false);
        HttpResponse<String> r = signIn(token);
        assertEquals(303, r.statusCode());
        assertEquals("/ui/plans", URI.create(r.headers().firstValue("Location").orElseThrow()).getPath());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.startsWith(WebResource.COOKIE + "="), setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("Secure"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/ui"), setCookie);
        assertFalse(setCookie.contains(token), "the token itself is never in the cookie");

        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        HttpResponse<String> plans = get("/ui/plans", cookie);
        assertEquals(200, plans.statusCode());
        assertTrue(plans.body().contains("/ui/plans/" + evilPlan), plans.body());
        assertEquals(200, get("/ui/plans/" + evilPlan, cookie).statusCode());
        HttpResponse<String> decisions = get("/ui/decisions", cookie);
        assertEquals(200, decisions.statusCode());
        assertTrue(decisions.body().contains("<svg"), decisions.body());
        assertTrue(decisions.body().contains("class=\"ui-nav\""), "the web view's navigation is spliced in");
        assertTrue(decisions.body().contains("/ui/static/app.css"));
        HttpResponse<byte[]> pdf = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/ui/plans/" + evilPlan
                + "/report.pdf")).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("%PDF", new String(pdf.body(), 0, 4, StandardCharsets.ISO_8859_1));
    }

    @Test
    void everyPageButSignInRedirectsWithoutASession() throws Exception {
        for (String path : new String[] {"/ui/plans", "/ui/plans/" + evilPlan, "/ui/decisions",
                "/ui/plans/" + evilPlan + "/report.pdf", "/ui/decisions.csv"}) {
            HttpResponse<String> r = get(path, null);
            assertEquals(303, r.statusCode(), path);
            assertEquals("/ui/signin", URI.create(r.headers().firstValue("Location").orElseThrow()).getPath(), path);
            assertEquals(303, get(path, WebResource.COOKIE + "=made-up").statusCode(), path);
        }
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        String cookie = session(api.token(Role.COMMITTEE, null, "COMMITTEE", false));
        assertEquals(200, get("/ui/plans", cookie).statusCode());
        HttpResponse<String> out = post("/ui/signout", "", cookie);
        assertEquals(303, out.statusCode());
        assertTrue(out.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
        assertEquals(303, get("/ui/plans", cookie).statusCode(), "the old cookie no longer opens a page");
    }

    @Test
    void aRevokedUserIsSignedOutAtOnce() throws Exception {
        String token = api.token(Role.REVIEWER, null, null, false);
        String cookie = session(token);
        assertEquals(200, get("/ui/plans", cookie).statusCode());
        UserDao users = api.jdbi().onDemand(UserDao.class);
        String userId = users.findByTokenHash(th.or.depa.smartcity.auth.Tokens.hash(token)).orElseThrow().id();
        users.revokeTokens(userId, Instant.now());
        assertEquals(303, get("/ui/plans", cookie).statusCode());
    }

    @Test
    void pagesEscapeACityNameWithMarkup() throws Exception {
        String cookie = session(api.token(Role.OFFICE, null, null, false));
        for (String path : new String[] {"/ui/plans", "/ui/plans/" + evilPlan, "/ui/decisions"}) {
            String body = get(path, cookie).body();
            assertFalse(body.contains("<script>alert"), path + " must escape the city name");
            assertTrue(body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Town"), path + ": " + body);
        }
    }

    @Test
    void filtersNarrowTheListAndBadFiltersAreAPage() throws Exception {
        String cookie = session(api.token(Role.OFFICE, null, null, false));
        assertTrue(get("/ui/plans?province=Phuket", cookie).body().contains(evilPlan));
        assertFalse(get("/ui/plans?province=Chiang+Mai", cookie).body().contains(evilPlan));
        assertFalse(get("/ui/plans?status=CERTIFIED", cookie).body().contains(evilPlan));
        HttpResponse<String> bad = get("/ui/plans?status=NOPE", cookie);
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("class=\"error\""), bad.body());
        assertEquals(404, get("/ui/plans/" + UUID.randomUUID(), cookie).statusCode());
    }

    @Test
    void staticFilesAreServedLocally() throws Exception {
        assertEquals(200, get("/ui/static/app.css", null).statusCode());
        assertTrue(get("/ui/static/app.js", null).body().contains("lang-toggle"));
        assertEquals(404, get("/ui/static/config.yml", null).statusCode());
        assertTrue(get("/ui/static/..%2Fconfig.yml", null).statusCode() >= 400);
    }
}
