package th.or.depa.smartcity.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.Http;
import th.or.depa.smartcity.support.RawHttp;
import th.or.depa.smartcity.support.TestDatabases;

/**
 * The service as config.yml starts it (ports 0, a request log file, the test's own H2): where the admin side
 * listens, what the request log keeps, that a token in the URL is refused, and that Jetty's own errors are JSON.
 * Talks to 127.0.0.0/8 only.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HttpEdgesTest {

    static final Path REQUEST_LOG = Path.of("target", "requests-" + UUID.randomUUID() + ".log");

    static final DropwizardAppExtension<SmartCityConfiguration> APP = new DropwizardAppExtension<>(
            th.or.depa.smartcity.openapi.ValidatedApp.class, "../config.yml",
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"),
            ConfigOverride.config("server.requestLog.appenders[0].type", "file"),
            ConfigOverride.config("server.requestLog.appenders[0].currentLogFilename", REQUEST_LOG.toString()),
            ConfigOverride.config("server.requestLog.appenders[0].archive", "false"),
            // what an operator might write to see more: the service keeps its own format all the same
            ConfigOverride.config("server.requestLog.appenders[0].logFormat", "%h %r %s %i{Authorization} %i{Cookie} %i{Referer}"),
            ConfigOverride.config("logging.level", "WARN"),
            ConfigOverride.config("database.url", TestDatabases.freshH2()),
            ConfigOverride.config("rules.dir", "../rules"),
            ConfigOverride.config("rules.watch", "false"),
            ConfigOverride.config("rateLimitPerMinute", "0"));

    static String office;
    static Http http;

    @BeforeAll
    static void users() {
        office = new Api(APP).token(Role.OFFICE, null, null, false);
        http = Http.local(APP.getLocalPort());
    }

    @Test
    void theAdminPortAnswersOnTheLoopbackAddressItIsBoundToAndNowhereElse() throws Exception {
        int admin = APP.getAdminPort();
        assertEquals(200, RawHttp.send("127.0.0.1", admin, RawHttp.get("/ping", "127.0.0.1")).status());
        // 127.0.0.2 is the same loopback interface, so only the bind address (config.yml: ADMIN_BIND) tells them apart
        assertThrows(ConnectException.class, () -> RawHttp.send("127.0.0.2", admin, RawHttp.get("/ping", "127.0.0.2")));
        assertEquals(200, RawHttp.send("127.0.0.2", APP.getLocalPort(),
                RawHttp.get("/api/criteria", "127.0.0.2")).status(), "the application listens on every address");
    }

    @Test
    void aTokenInTheQueryIsA401EvenBesideAValidHeader() throws Exception {
        assertEquals(200, http.get("/api/plans", office).status());
        List<String> wrong = new ArrayList<>();
        for (String path : List.of("/api/plans?access_token=" + office, "/api/criteria?access_token=x",
                "/api/plans?limit=1&ACCESS_TOKEN=" + office, "/api/plans?access%5Ftoken=" + office,
                "/ui/plans?access_token=" + office, "/ui/signin?access_token=x", "/api/no-such-thing?access_token=x")) {
            for (String header : new String[] {null, office}) {
                Http.Answer r = http.get(path, header);
                if (r.status() != 401 || r.body() == null || r.body().path("code").asInt() != 401
                        || !r.header("Content-Type").startsWith("application/json")) {
                    wrong.add(path + (header == null ? "" : " with a valid header") + ": " + r.status() + " " + r.raw());
                }
            }
        }
        Http.Answer post = http.post("/api/evaluate?access_token=" + office, null, null, Api.example("phuket-livable-pass"));
        if (post.status() != 401) {
            wrong.add("POST /api/evaluate?access_token=…: " + post.status());
        }
        assertEquals(List.of(), wrong);
        assertEquals(401, http.get("/api/plans", null).status(), "without a header there is still no way in");
    }

    @Test
    void theRequestLogNeverHoldsATokenFromTheQueryOrAHeader() throws Exception {
        String secret = "s3cr3t-" + UUID.randomUUID();
        http.get("/api/plans?access_token=" + secret, null);
        http.get("/api/plans?limit=1&province=" + secret, office);
        RawHttp.send("127.0.0.1", APP.getLocalPort(), RawHttp.get("/ui/plans?x=" + secret, "127.0.0.1",
                "Cookie: sc_session=" + secret, "Referer: http://127.0.0.1/?access_token=" + secret,
                "User-Agent: " + secret));
        String marker = "/api/criteria/marker-" + UUID.randomUUID();
        http.get(marker, null); // the last request: once it is in the file, the ones before are too
        String log = "";
        for (int i = 0; i < 100 && !log.contains(marker); i++) {
            Thread.sleep(50);
            log = Files.exists(REQUEST_LOG) ? Files.readString(REQUEST_LOG, StandardCharsets.UTF_8) : "";
        }
        assertTrue(log.contains(marker), "the request log was written: " + log);
        assertTrue(log.contains("\"GET /api/plans HTTP/1.1\" 401"), "the refused request is logged, without its query: " + log);
        assertFalse(log.contains(secret), log);
        assertFalse(log.contains(office), log);
        assertFalse(log.contains("access_token"), log);
        assertFalse(log.contains("Bearer"), log);
    }

    @Test
    void jettysOwnErrorsAreJsonOnBothPorts() throws Exception {
        List<String> wrong = new ArrayList<>();
        String big = "X-Big: " + "a".repeat(20_000);
        for (int port : new int[] {APP.getLocalPort(), APP.getAdminPort()}) {
            for (String request : List.of(RawHttp.get("/api/%", "127.0.0.1"), RawHttp.get("/%2e%2e/", "127.0.0.1"),
                    RawHttp.get("/api/plans/%2e%2e/%2e%2e/config.yml", "127.0.0.1"), RawHttp.get("/a%2Fb", "127.0.0.1"),
                    RawHttp.get("/api/%zz", "127.0.0.1"), RawHttp.get("/api/\u0001", "127.0.0.1"),
                    "GET /api/plans HTTP/1.1\r\nHost: 127.0.0.1\r\n" + big + "\r\nConnection: close\r\n\r\n",
                    "PUT /%2e%2e/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    "GET /api/criteria HTTP/1.1\r\nConnection: close\r\n\r\n")) {
                RawHttp.Answer r = RawHttp.send("127.0.0.1", port, request);
                JsonNode body = r.json();
                String line = port + " " + request.substring(0, Math.min(40, request.indexOf('\r'))) + ": " + r.status()
                        + " " + r.header("Content-Type") + " " + r.body();
                if (r.status() < 400 || r.status() >= 500 || body == null || body.path("code").asInt() != r.status()
                        || !body.path("message").isTextual() || r.header("Content-Type") == null
                        || !r.header("Content-Type").startsWith("application/json")) {
                    wrong.add(line);
                }
            }
        }
        RawHttp.Answer tooLarge = RawHttp.send("127.0.0.1", APP.getLocalPort(),
                "GET /api/plans HTTP/1.1\r\nHost: 127.0.0.1\r\n" + big + "\r\nConnection: close\r\n\r\n");
        assertEquals(431, tooLarge.status(), tooLarge.body());
        assertEquals(List.of(), wrong);
    }

    @Test
    void anUnknownPathIsJsonToo() throws IOException {
        Http.Answer r = http.get("/nowhere", null);
        assertEquals(404, r.status());
        assertNotNull(r.body(), r.raw());
        assertEquals(404, r.body().path("code").asInt());
        RawHttp.Answer admin = RawHttp.send("127.0.0.1", APP.getAdminPort(), RawHttp.get("/nowhere", "127.0.0.1"));
        assertEquals(404, admin.status());
        assertTrue(admin.header("Content-Type").startsWith("application/json"), admin.body());
        assertEquals(404, admin.json().path("code").asInt(), admin.body());
    }
}
