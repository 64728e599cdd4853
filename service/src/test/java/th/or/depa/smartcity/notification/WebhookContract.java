package th.or.depa.smartcity.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.Poll;
import th.or.depa.smartcity.support.TestApps;

/**
 * Notifications that arrive, per database: signed webhook deliveries of a plan's steps to its city and to the body
 * that must act, retries while the receiver is down, delivery across a restart, the delivery log's readers, and an
 * action that stays fast while the receiver hangs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookContract {

    static final String SECRET = "a-test-secret-of-at-least-32-characters!";
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Short retries and polling so a test waits seconds, private addresses allowed for the receiver on 127.0.0.1. */
    static final ConfigOverride[] FAST = {
        ConfigOverride.config("webhooks.allowPrivate", "true"),
        ConfigOverride.config("webhooks.retryFirst", "200 milliseconds"),
        ConfigOverride.config("webhooks.retryMax", "1 second"),
        ConfigOverride.config("webhooks.poll", "100 milliseconds"),
        ConfigOverride.config("webhooks.timeout", "2 seconds"),
    };

    abstract Api api();

    /** A fresh database for a test that runs its own apps on it (the restart). */
    abstract String freshDatabase();

    String office;
    String sub;
    String admin;
    String chair;

    @BeforeAll
    void staff() {
        office = api().token(Role.OFFICE, null, null, false);
        sub = api().token(Role.COMMITTEE, null, "SUBCOMMITTEE", true);
        admin = api().token(Role.ADMIN, null, null, false);
        chair = api().token(Role.COMMITTEE, null, "COMMITTEE", true);
    }

    String register(Api api, String token, String url) {
        Api.Reply r = api.post("/api/webhooks", token, "{\"url\":\"" + url + "\",\"secret\":\"" + SECRET + "\"}");
        assertEquals(201, r.status(), r.raw());
        assertEquals(SECRET, r.body().get("secret").asText(), "the secret is shown once, at creation");
        return r.body().get("id").asText();
    }

    static String submit(Api api, String city) {
        Api.Reply r = api.post("/api/plans", city, Api.example("phuket-livable-pass"));
        assertEquals(201, r.status(), r.raw());
        return r.body().get("plan").get("id").asText();
    }

    static Api.Reply forward(Api api, String office, String id) {
        Api.Reply r = api.post("/api/plans/" + id + "/actions", office, "{\"action\":\"FORWARD\"}");
        assertEquals(200, r.status(), r.raw());
        return r;
    }

    static JsonNode json(String s) throws Exception {
        return MAPPER.readTree(s);
    }

    @Test
    void theCityAndTheSubcommitteeReceiveSignedNotificationsOfThePlansSteps() throws Exception {
        try (Receiver cityHook = new Receiver(); Receiver bodyHook = new Receiver()) {
            String city = api().city("org-" + UUID.randomUUID());
            register(api(), city, cityHook.url());
            register(api(), sub, bodyHook.url());
            String id = submit(api(), city);
            forward(api(), office, id);

            Poll.until("the city's two notifications (screening, subcommittee review)", 20,
                    () -> cityHook.delivered().size() >= 2);
            Poll.until("the subcommittee's notification", 20, () -> bodyHook.hits.stream()
                    .anyMatch(h -> h.body().contains(id)));
            List<Receiver.Hit> hits = cityHook.hits;
            Set<String> ids = new HashSet<>();
            for (Receiver.Hit h : hits) {
                assertTrue(h.verifies(SECRET), "signature of " + h.body());
                assertTrue(ids.add(h.id()), "each notification has its own id");
                JsonNode n = json(h.body());
                assertEquals(h.id(), n.get("id").asText());
                assertEquals(id, n.get("planId").asText());
                assertEquals("STATE_CHANGED", n.get("kind").asText());
                assertFalse(n.get("title").get("th").asText().isBlank());
                assertFalse(n.get("title").get("en").asText().isBlank());
            }
            assertEquals(List.of("SCREENING", "SUBCOMMITTEE_REVIEW"),
                    hits.stream().map(h -> read(h).get("stateAfter").asText()).sorted().toList());
            Receiver.Hit first = hits.get(0);
            Receiver.Hit tampered = new Receiver.Hit(first.id(), first.timestamp(), first.signature(),
                    first.body().replace("STATE_CHANGED", "CERTIFICATE_ISSUED"), 200);
            assertFalse(tampered.verifies(SECRET), "a changed body no longer verifies");
            assertFalse(first.verifies(SECRET + "x"), "nor does another secret");

            Receiver.Hit toBody = bodyHook.hits.get(0);
            assertTrue(toBody.verifies(SECRET));
            assertEquals("body:SUBCOMMITTEE", read(toBody).get("recipient").asText());
            assertTrue(bodyHook.hits.stream().noneMatch(h -> read(h).get("stateAfter").asText().equals("SCREENING")),
                    "the subcommittee is told when it must act, not of the screening");
        }
    }

    @Test
    void aReceiverDownForAWhileGetsEveryNotificationAfterRetriesAndTheLogShowsEachAttempt() throws Exception {
        try (Receiver hook = new Receiver()) {
            hook.failFirst = 3;
            String city = api().city("org-" + UUID.randomUUID());
            String webhook = register(api(), city, hook.url());
            String id = submit(api(), city);
            forward(api(), office, id);
            Poll.until("both notifications delivered after the 503s", 30,
                    () -> new HashSet<>(hook.delivered()).size() == 2);
            assertTrue(hook.hits.stream().filter(h -> h.answered() == 503).count() >= 3);

            Api.Reply log = api().get("/api/webhooks/" + webhook + "/deliveries", city);
            assertEquals(200, log.status(), log.raw());
            Poll.until("the log settled", 10, () -> {
                JsonNode d = api().get("/api/webhooks/" + webhook + "/deliveries", city).body().get("deliveries");
                return d.size() == 2 && d.get(0).get("state").asText().equals("DELIVERED")
                        && d.get(1).get("state").asText().equals("DELIVERED");
            });
            JsonNode attempts = api().get("/api/webhooks/" + webhook + "/deliveries", city).body().get("attempts");
            assertTrue(attempts.size() >= 5, attempts.toString());
            assertEquals(503, attempts.get(0).get("statusCode").asInt());
            assertTrue(attempts.get(0).has("durationMs"));

            String other = api().city("org-" + UUID.randomUUID());
            assertEquals(404, api().get("/api/webhooks/" + webhook + "/deliveries", other).status(),
                    "another city's webhook is as absent as a missing one");
            assertEquals(403, api().get("/api/webhooks/" + webhook + "/deliveries", office).status());
            assertEquals(200, api().get("/api/webhooks/" + webhook + "/deliveries", admin).status());
            JsonNode listed = api().get("/api/webhooks", city).body().get("items");
            assertEquals(1, listed.size());
            assertFalse(listed.get(0).has("secret"), "the secret is never shown again");
            assertEquals(0, api().get("/api/webhooks", other).body().get("items").size());
            assertEquals(404, api().request("/api/webhooks/" + webhook, other).delete().getStatus());
            assertEquals(204, api().request("/api/webhooks/" + webhook, city).delete().getStatus());
        }
    }

    @Test
    void theActionAnswersFastWhileTheReceiverHangs() throws Exception {
        try (Receiver hook = new Receiver()) {
            hook.delayMillis = 10_000;
            String city = api().city("org-" + UUID.randomUUID());
            register(api(), city, hook.url());
            String id = submit(api(), city);
            Thread.sleep(300); // the first delivery is now hanging in the receiver
            long start = System.nanoTime();
            forward(api(), office, id);
            submit(api(), city);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds < 3, "two requests took " + seconds + " s while the receiver hangs");
        }
    }

    @Test
    void notificationsPendingWhenTheServiceStopsAreDeliveredByTheNextStart() throws Exception {
        String url = freshDatabase();
        try (Receiver hook = new Receiver()) {
            hook.failFirst = Integer.MAX_VALUE;
            DropwizardAppExtension<SmartCityConfiguration> first = TestApps.on(url, FAST);
            first.before();
            String city;
            try {
                Api api = new Api(first);
                city = api.city("org-" + UUID.randomUUID());
                String staff = api.token(Role.OFFICE, null, null, false);
                register(api, city, hook.url());
                forward(api, staff, submit(api, city));
                Poll.until("a failed attempt before the stop", 10, () -> !hook.hits.isEmpty());
            } finally {
                first.after();
            }
            assertTrue(hook.delivered().isEmpty());
            hook.failFirst = 0;
            DropwizardAppExtension<SmartCityConfiguration> second = TestApps.on(url, FAST);
            second.before();
            try {
                Poll.until("both notifications delivered by the new instance", 30,
                        () -> new HashSet<>(hook.delivered()).size() == 2);
            } finally {
                second.after();
            }
        }
    }

    @Test
    void urlsThatAreNotHttpOrCarryCredentialsAreRefusedEvenWithPrivateAddressesAllowed() {
        String city = api().city("org-" + UUID.randomUUID());
        for (String url : List.of("ftp://example.com/x", "file:///etc/passwd", "http://user:pw@example.com/",
                "http://0x7f000001/", "http://2130706433/", "javascript:alert(1)")) {
            Api.Reply r = api().post("/api/webhooks", city, "{\"url\":\"" + url + "\"}");
            assertEquals(422, r.status(), url + " " + r.raw());
            assertEquals("url", r.body().get("errors").get(0).get("field").asText());
        }
        Api.Reply shortSecret = api().post("/api/webhooks", city, "{\"url\":\"http://127.0.0.1/\",\"secret\":\"short\"}");
        assertEquals(422, shortSecret.status());
        assertEquals("secret", shortSecret.body().get("errors").get(0).get("field").asText());
        Api.Reply made = api().post("/api/webhooks", city, "{\"url\":\"http://127.0.0.1/\"}");
        assertEquals(201, made.status(), made.raw());
        assertTrue(made.body().get("secret").asText().length() >= 32, "a secret is made when none is given");
        assertEquals(403, api().post("/api/webhooks", office, "{\"url\":\"http://127.0.0.1/\"}").status());
    }

    @Test
    void voteResultsAndTheCertificateReachTheCityAndTheBodiesAndExpiryIsNoticedOnceByTwoRunners() throws Exception {
        try (Receiver cityHook = new Receiver(); Receiver committeeHook = new Receiver()) {
            String org = "org-" + UUID.randomUUID();
            String city = api().city(org);
            register(api(), city, cityHook.url());
            Api.Reply r = api().post("/api/webhooks", admin, "{\"url\":\"" + committeeHook.url()
                    + "\",\"secret\":\"" + SECRET + "\",\"body\":\"COMMITTEE\"}");
            assertEquals(201, r.status(), r.raw());
            assertEquals("body:COMMITTEE", r.body().get("owner").asText());
            String id = submit(api(), city);
            forward(api(), office, id);
            assertEquals(200, api().post("/api/plans/" + id + "/votes", sub, "{\"vote\":\"APPROVE\"}").status());
            assertEquals("COMMITTEE_REVIEW", close(id));
            assertEquals(200, api().post("/api/plans/" + id + "/votes", chair, "{\"vote\":\"APPROVE\"}").status());
            assertEquals("CERTIFIED", close(id));

            Poll.until("the city's seven notices", 20, () -> kinds(cityHook).size() >= 7);
            assertEquals(List.of("CERTIFICATE_ISSUED", "STATE_CHANGED", "STATE_CHANGED", "STATE_CHANGED",
                    "STATE_CHANGED", "VOTE_RESULT", "VOTE_RESULT"), kinds(cityHook).stream().sorted().toList());
            Poll.until("the committee's notices", 20, () -> kinds(committeeHook).size() >= 3);
            assertEquals(List.of("CERTIFICATE_ISSUED", "STATE_CHANGED", "VOTE_RESULT"),
                    kinds(committeeHook).stream().sorted().toList(),
                    "the committee: its review starts, its vote's result, the certificate");

            // two instances' daily jobs, 100 days before the end: one notice (180 days) between them
            java.time.Clock later = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofDays(
                    java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.now(),
                            java.time.LocalDate.parse(api().get("/api/plans/" + id, city).body()
                                    .get("certificate").get("validUntil").asText())) - 100));
            Routes routes = Routes.load();
            Outbox outbox = new Outbox(routes, MAPPER, () -> th.or.depa.smartcity.evaluation.Texts.of(
                    th.or.depa.smartcity.engine.RuleFiles.readFolder(java.nio.file.Path.of("../rules"))));
            java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
            var a = two.submit(() -> new ExpiryNotices(api().jdbi(), routes, outbox, MAPPER, later,
                    java.time.Duration.ofHours(1)).run());
            var b = two.submit(() -> new ExpiryNotices(api().jdbi(), routes, outbox, MAPPER, later,
                    java.time.Duration.ofHours(1)).run());
            assertEquals(1, a.get() + b.get(), "one notice between the two runners");
            two.shutdown();
            assertEquals(0, new ExpiryNotices(api().jdbi(), routes, outbox, MAPPER, later,
                    java.time.Duration.ofHours(1)).run(), "and none the next time");
            // written at the later clock's time, so it is due then: read it from the outbox
            List<th.or.depa.smartcity.store.NotificationDao.Notification> expiringNotices = api().jdbi()
                    .onDemand(th.or.depa.smartcity.store.NotificationDao.class)
                    .newest(List.of(Recipients.organisation(org)), 50).stream()
                    .filter(n -> n.kind().equals("EXPIRING")).toList();
            assertEquals(1, expiringNotices.size());
            JsonNode expiring = json(expiringNotices.get(0).payload());
            assertEquals(180, expiring.get("days").asInt());
            assertTrue(expiring.get("title").get("th").asText().contains("180"), expiring.toString());
        }
    }

    private String close(String id) {
        Api.Reply r = api().post("/api/plans/" + id + "/actions", office, "{\"action\":\"CLOSE_VOTE\"}");
        assertEquals(200, r.status(), r.raw());
        return r.body().get("plan").get("state").asText();
    }

    private static List<String> kinds(Receiver hook) {
        return hook.hits.stream().filter(h -> h.answered() == 200).map(h -> read(h).get("kind").asText()).toList();
    }

    private static JsonNode read(Receiver.Hit h) {
        try {
            return json(h.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
