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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.store.UserDao;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.RawHttp;
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

    /** A sign-in form as a browser gets it: the Cookie header value to send back, and the form's CSRF token. */
    record Form(String cookie, String csrf) {
    }

    static Form form() throws Exception {
        HttpResponse<String> r = get("/ui/signin", null);
        assertEquals(200, r.statusCode());
        return new Form(cookie(r, WebResource.SIGNIN_COOKIE), hidden(r.body(), "csrf"));
    }

    /** The value of a Set-Cookie of this name, as "name=value". */
    static String cookie(HttpResponse<String> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    }

    /** The value of the page's (first) hidden input of this name. */
    static String hidden(String html, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<input type=\"hidden\" name=\"" + name
                + "\" value=\"([^\"]*)\"/>").matcher(html);
        assertTrue(m.find(), "no hidden " + name + " in " + html);
        return m.group(1);
    }

    static HttpResponse<String> signIn(String token) throws Exception {
        Form f = form();
        return post("/ui/signin", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&csrf=" + f.csrf(), f.cookie());
    }

    /** Signs out from a page of the session, as its Sign out button does. */
    static HttpResponse<String> signOut(String cookie) throws Exception {
        String csrf = hidden(get("/ui/plans", cookie).body(), "csrf");
        return post("/ui/signout", "csrf=" + csrf, cookie);
    }

    /** Signs in and returns the Cookie header value to send back. */
    static String session(String token) throws Exception {
        HttpResponse<String> r = signIn(token);
        assertEquals(303, r.statusCode(), r.body());
        return cookie(r, WebResource.COOKIE);
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
        assertTrue(r.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith(WebResource.COOKIE)));
        Form f = form();
        assertEquals(401, post("/ui/signin", "token=&csrf=" + f.csrf(), f.cookie()).statusCode());
    }

    @Test
    void aCitySignsInAndItsPlansListHasOnlyItsOwnOrganisationsPlans() throws Exception {
        String city = api.city("org-" + UUID.randomUUID());
        Api.Reply mine = api.post("/api/plans", city, Api.example("phuket-livable-pass"));
        assertEquals(201, mine.status(), mine.raw());
        HttpResponse<String> r = signIn(city);
        assertEquals(303, r.statusCode(), r.body());
        String setCookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(WebResource.COOKIE + "="))
                .findFirst().orElseThrow();
        HttpResponse<String> plans = get("/ui/plans", setCookie.substring(0, setCookie.indexOf(';')));
        assertEquals(200, plans.statusCode());
        assertTrue(plans.body().contains("/ui/plans/" + mine.body().path("plan").path("id").asText()), plans.body());
        assertFalse(plans.body().contains(evilPlan), "another organisation's plan is not listed");
    }

    @Test
    void anOfficeTokenGetsASecureSessionCookieThatOpensThePlans() throws Exception {
        String token = api.token(Role.OFFICE, null, null, false);
        HttpResponse<String> r = signIn(token);
        assertEquals(303, r.statusCode());
        assertEquals("/ui/plans", r.headers().firstValue("Location").orElseThrow());
        String setCookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(WebResource.COOKIE + "="))
                .findFirst().orElseThrow();
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
        HttpResponse<String> out = signOut(cookie);
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
    void theDecisionsPageShowsTheSeriesLinksItsPdfAndNamesABadFilter() throws Exception {
        String cookie = session(api.token(Role.OFFICE, null, null, false));
        String page = get("/ui/decisions?from=2025-01-01&province=Phuket", cookie).body();
        assertTrue(page.contains("<table id=\"series\">"), page);
        assertTrue(page.contains("data-period=\"2025-01\""), "every month of the period: " + page);
        // the engine escapes = as &#61; too: the browser reads the same address
        assertTrue(page.contains("href=\"/ui/decisions.pdf?from&#61;2025-01-01&amp;province&#61;Phuket\""), page);
        HttpResponse<byte[]> pdf = HTTP.send(HttpRequest.newBuilder(URI.create(base()
                + "/ui/decisions.pdf?from=2025-01-01")).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        assertEquals("%PDF", new String(pdf.body(), 0, 4, StandardCharsets.ISO_8859_1));
        HttpResponse<String> bad = get("/ui/decisions?from=someday", cookie);
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("<code>from</code>"), bad.body());
        assertTrue(bad.body().contains("class=\"ui-nav\""), "still inside the web view");
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
        // the Thai font the pages ask for, so Thai reads on a machine without one (CSP allows fonts from 'self')
        HttpResponse<String> font = get("/ui/static/Garuda.ttf", null);
        assertEquals(200, font.statusCode());
        assertEquals("font/ttf", font.headers().firstValue("Content-Type").orElse(""));
        assertTrue(get("/ui/static/app.css", null).body().contains("/ui/static/Garuda.ttf"));
        assertEquals(404, get("/ui/static/config.yml", null).statusCode());
        assertTrue(get("/ui/static/..%2Fconfig.yml", null).statusCode() >= 400);
    }

    @Test
    void signInWithoutTheFormsCsrfTokenIs403AndOpensNoSession() throws Exception {
        String token = api.token(Role.OFFICE, null, null, false);
        String t = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        Form f = form();
        Form other = form();
        for (HttpResponse<String> r : List.of(post("/ui/signin", t, null), post("/ui/signin", t, f.cookie()),
                post("/ui/signin", t + "&csrf=" + f.csrf(), null), post("/ui/signin", t + "&csrf=x" + f.csrf(), f.cookie()),
                post("/ui/signin", t + "&csrf=" + other.csrf(), f.cookie()), post("/ui/signin", t + "&csrf=", WebResource.SIGNIN_COOKIE + "="))) {
            assertEquals(403, r.statusCode(), r.body());
            assertTrue(r.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith(WebResource.COOKIE)));
            assertTrue(r.body().contains("name=\"csrf\""), "a fresh form to try again");
        }
        assertEquals(303, post("/ui/signin", t + "&csrf=" + f.csrf(), f.cookie()).statusCode(), "the form's own token works");
        String set = get("/ui/signin", null).headers().allValues("Set-Cookie").get(0);
        assertTrue(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Path=/ui/signin"), set);
    }

    @Test
    void signOutWithoutTheSessionsCsrfTokenIs403AndTheSessionLives() throws Exception {
        String cookie = session(api.token(Role.OFFICE, null, null, false));
        String other = session(api.token(Role.OFFICE, null, null, false));
        String othersToken = hidden(get("/ui/plans", other).body(), "csrf");
        for (String form : new String[] {"", "csrf=", "csrf=" + othersToken}) {
            assertEquals(403, post("/ui/signout", form, cookie).statusCode(), form);
            assertEquals(200, get("/ui/plans", cookie).statusCode(), "still signed in after " + form);
        }
        assertEquals(303, signOut(cookie).statusCode());
        assertEquals(303, get("/ui/plans", cookie).statusCode());
    }

    @Test
    void aUserHasAtMostFiveSessionsAndANewOneEndsTheOldest() throws Exception {
        String token = api.token(Role.COMMITTEE, null, "SUBCOMMITTEE", false);
        List<String> cookies = new java.util.ArrayList<>();
        for (int i = 0; i < Sessions.MAX_PER_USER + 1; i++) {
            cookies.add(session(token));
        }
        assertEquals(303, get("/ui/plans", cookies.get(0)).statusCode(), "the oldest session ended");
        for (String c : cookies.subList(1, cookies.size())) {
            assertEquals(200, get("/ui/plans", c).statusCode());
        }
        assertEquals(200, get("/ui/plans", session(api.token(Role.OFFICE, null, null, false))).statusCode(),
                "another user's sessions are their own");
    }

    @Test
    void failedSignInsFromOneAddressAreLimitedWith429AndRetryAfter() throws Exception {
        String office = api.token(Role.OFFICE, null, null, false);
        String from = "127.0.0.2";
        for (int i = 0; i < SignInLimiter.FAILURES_PER_MINUTE; i++) {
            assertEquals(401, rawSignIn(from, "wrong-" + i, "X-Forwarded-For: 10.9.9." + i).status());
        }
        for (String token : new String[] {"wrong-again", office}) {
            RawHttp.Answer refused = rawSignIn(from, token, "X-Forwarded-For: 10.9.9.99");
            assertEquals(429, refused.status(), refused.body());
            long retry = Long.parseLong(refused.header("Retry-After"));
            assertTrue(retry >= 1 && retry <= 60, "Retry-After: " + retry);
            assertTrue(refused.header("Content-Type").startsWith("text/html"));
            assertTrue(refused.body().contains("class=\"error\""), refused.body());
        }
        assertEquals(303, rawSignIn("127.0.0.3", office).status(), "another address is not limited");
    }

    /** A sign-in through the form from the given loopback address, as a browser there would send it. */
    static RawHttp.Answer rawSignIn(String from, String token, String... headers) throws Exception {
        int port = APP.getLocalPort();
        RawHttp.Answer page = RawHttp.send("127.0.0.1", port, from, RawHttp.get("/ui/signin", "127.0.0.1:" + port));
        String cookie = page.header("Set-Cookie");
        String body = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&csrf=" + hidden(page.body(), "csrf");
        StringBuilder request = new StringBuilder("POST /ui/signin HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Cookie: " + cookie.substring(0, cookie.indexOf(';')) + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n");
        for (String h : headers) {
            request.append(h).append("\r\n");
        }
        return RawHttp.send("127.0.0.1", port, from, request.append("Connection: close\r\n\r\n").append(body).toString());
    }

    @Test
    void redirectsAreRelativeWhateverTheHostHeaderSays() throws Exception {
        int port = APP.getLocalPort();
        String session = session(api.token(Role.OFFICE, null, null, false));
        for (String request : List.of(RawHttp.get("/ui", "evil.example"), RawHttp.get("/ui/plans", "evil.example"),
                RawHttp.get("/ui", "evil.example", "X-Forwarded-Host: evil.example", "X-Forwarded-Proto: https"),
                "POST /ui/signout HTTP/1.1\r\nHost: evil.example\r\nCookie: " + WebResource.COOKIE + "=gone\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")) {
            RawHttp.Answer r = RawHttp.send("127.0.0.1", port, request);
            assertEquals(303, r.status(), request);
            String location = r.header("Location");
            assertTrue(location.startsWith("/ui/") && !location.contains("evil"), request + " → " + location);
        }
        RawHttp.Answer plans = RawHttp.send("127.0.0.1", port, RawHttp.get("/ui", "evil.example", "Cookie: " + session));
        assertEquals("/ui/plans", plans.header("Location"));
    }
}
