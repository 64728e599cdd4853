package th.or.depa.smartcity.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Entity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.cli.VerifyRecordCommand;
import th.or.depa.smartcity.support.Api;

/** Who may call what (api.md, Roles), and the record that no one can quietly rewrite. Run per database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecurityContract {

    abstract DropwizardAppExtension<SmartCityConfiguration> app();

    Api api() {
        return new Api(app());
    }

    static final Set<Role> ALL = Set.of(Role.values());
    static final Set<Role> STAFF = Set.of(Role.OFFICE, Role.COMMITTEE, Role.REVIEWER, Role.ADMIN);
    static final Set<Role> PUBLIC = Set.of(); // marker: no token needed

    /** The roles api.md lets through the door of each endpoint (the rules may still refuse a role later). */
    static final Map<String, Set<Role>> MATRIX = Map.ofEntries(
            Map.entry("POST /api/plans", Set.of(Role.CITY)),
            Map.entry("GET /api/plans", ALL),
            Map.entry("GET /api/plans/{id}", ALL),
            Map.entry("PUT /api/plans/{id}", Set.of(Role.CITY)),
            Map.entry("GET /api/plans/{id}/evaluations", ALL),
            Map.entry("GET /api/plans/{id}/history", ALL),
            Map.entry("POST /api/plans/{id}/actions", Set.of(Role.CITY, Role.OFFICE, Role.COMMITTEE)),
            Map.entry("POST /api/plans/{id}/votes", Set.of(Role.COMMITTEE)),
            Map.entry("GET /api/plans/{id}/report", ALL),
            Map.entry("POST /api/evaluate", ALL),
            Map.entry("GET /api/criteria", PUBLIC),
            Map.entry("GET /openapi.json", PUBLIC),
            Map.entry("GET /openapi.yaml", PUBLIC),
            Map.entry("GET /schemas/plan.json", PUBLIC),
            Map.entry("GET /api/rulesets", STAFF),
            Map.entry("GET /api/rulesets/status", STAFF),
            Map.entry("GET /api/rulesets/{version}", STAFF),
            Map.entry("GET /api/rulesets/{version}/diff", STAFF),
            Map.entry("POST /api/rulesets", Set.of(Role.REVIEWER)),
            Map.entry("POST /api/rulesets/{version}/impact", Set.of(Role.REVIEWER)),
            Map.entry("POST /api/rulesets/{version}/activate", Set.of(Role.REVIEWER)),
            Map.entry("POST /api/rulesets/{version}/rollback", Set.of(Role.REVIEWER, Role.ADMIN)),
            Map.entry("GET /api/reports/decisions", STAFF),
            Map.entry("POST /api/users", Set.of(Role.ADMIN)),
            Map.entry("GET /api/users", Set.of(Role.ADMIN)),
            Map.entry("GET /api/users/record", Set.of(Role.ADMIN, Role.OFFICE)),
            Map.entry("DELETE /api/users/{id}/tokens", Set.of(Role.ADMIN)),
            Map.entry("POST /api/users/{id}/tokens", Set.of(Role.ADMIN)),
            Map.entry("POST /api/plans/{id}/renewal", Set.of(Role.CITY)),
            Map.entry("GET /api/plans/{id}/renewal", ALL),
            Map.entry("POST /api/webhooks", Set.of(Role.CITY, Role.COMMITTEE, Role.ADMIN)),
            Map.entry("GET /api/webhooks", Set.of(Role.CITY, Role.COMMITTEE, Role.ADMIN)),
            Map.entry("DELETE /api/webhooks/{id}", Set.of(Role.CITY, Role.COMMITTEE, Role.ADMIN)),
            Map.entry("GET /api/webhooks/{id}/deliveries", Set.of(Role.CITY, Role.COMMITTEE, Role.ADMIN)),
            Map.entry("POST /api/organisations", Set.of(Role.ADMIN)),
            Map.entry("GET /api/organisations", ALL),
            Map.entry("GET /api/organisations/{id}", ALL));

    /** Web pages: a session cookie opens them; without one (a bearer token is not one) they send you to sign in. */
    static final Set<String> SESSION_PAGES = Set.of("GET /ui/decisions", "GET /ui/decisions.csv", "GET /ui/decisions.pdf",
            "GET /ui/plans", "GET /ui/plans/{id}", "GET /ui/plans/{id}/report.pdf", "POST /ui/signout",
            "GET /ui/rulesets", "GET /ui/rulesets/{version}", "POST /ui/rulesets/{version}/activate",
            "POST /ui/rulesets/{version}/rollback", "POST /ui/rulesets/{version}/impact",
            "GET /ui/rulesets/{version}/impact/{id}", "GET /ui/rulesets/{version}/impact/{id}/progress",
            "GET /ui/rulesets/propose", "POST /ui/rulesets/propose", "GET /ui/screening",
            "POST /ui/plans/{id}/actions", "POST /ui/plans/{id}/vote", "POST /ui/plans/{id}/recuse",
            "GET /ui/submit", "POST /ui/submit", "GET /ui/plans/{id}/revise", "POST /ui/plans/{id}/revise", "GET /ui/inbox",
            "GET /ui/plans/{id}/renewal", "POST /ui/plans/{id}/renewal");
    /** Web pages anyone may fetch: /ui (a redirect to the plans), the sign-in form and its assets (WebViewH2Test checks what sign-in accepts). */
    static final Set<String> OPEN_PAGES = Set.of("GET /ui", "GET /ui/signin", "POST /ui/signin", "GET /ui/static/{name}",
            "GET /docs", "GET /docs/{name}");

    final Map<Role, String> tokens = new EnumMap<>(Role.class);
    String planId;
    String org;

    @BeforeAll
    void usersAndAPlan() {
        org = "org-" + UUID.randomUUID();
        tokens.put(Role.CITY, api().city(org));
        tokens.put(Role.OFFICE, api().token(Role.OFFICE, null, null, false));
        tokens.put(Role.COMMITTEE, api().token(Role.COMMITTEE, null, "SUBCOMMITTEE", false));
        tokens.put(Role.REVIEWER, api().token(Role.REVIEWER, null, null, false));
        tokens.put(Role.ADMIN, api().token(Role.ADMIN, null, null, false));
        planId = api().post("/api/plans", tokens.get(Role.CITY), Api.example("phuket-livable-pass"))
                .body().get("plan").get("id").asText();
    }

    /** Every endpoint the running application serves, as "METHOD /path". */
    Set<String> endpoints() {
        Set<String> out = new TreeSet<>();
        List<Object> components = new ArrayList<>(app().getEnvironment().jersey().getResourceConfig().getInstances());
        app().getEnvironment().jersey().getResourceConfig().getClasses().forEach(components::add);
        for (Object o : components) {
            Class<?> c = o instanceof Class<?> k ? k : o.getClass();
            if (c.isAnnotationPresent(Path.class)) {
                Resource r = Resource.from(c);
                collect(r, r.getPath(), out);
            }
        }
        return out;
    }

    static void collect(Resource r, String path, Set<String> out) {
        for (ResourceMethod m : r.getResourceMethods()) {
            out.add(m.getHttpMethod() + " " + path);
        }
        for (Resource child : r.getChildResources()) {
            collect(child, path + (child.getPath().startsWith("/") || path.endsWith("/") ? "" : "/") + child.getPath(), out);
        }
    }

    @Test
    void webPagesNeedASessionAndABearerTokenIsNotOne() {
        List<String> wrong = new ArrayList<>();
        for (String endpoint : SESSION_PAGES) {
            List<String> tried = new ArrayList<>(java.util.Arrays.asList((String) null));
            tried.addAll(tokens.values());
            for (String token : tried) {
                Api.Reply r = call(endpoint, token);
                String location = r.response().getHeaderString("Location");
                if (r.status() != 303 || location == null || !location.endsWith("/ui/signin")) {
                    wrong.add(endpoint + (token == null ? " anonymous" : " with a bearer token") + ": " + r.status());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    Api.Reply call(String endpoint, String token) {
        String[] parts = endpoint.split(" ", 2);
        String path = parts[1].replace("{id}", parts[1].startsWith("/api/users") ? UUID.randomUUID().toString() : planId)
                .replace("{version}", "1").replace("{name}", "app.css");
        var req = api().request(path, token)
                .property(ClientProperties.FOLLOW_REDIRECTS, false);
        return Api.reply(switch (parts[0]) {
            case "GET" -> req.get();
            case "DELETE" -> req.delete();
            case "PUT" -> req.put(Entity.json("{}"));
            default -> req.post(path.startsWith("/ui/") ? Entity.form(new jakarta.ws.rs.core.Form()) : Entity.json("{}"));
        });
    }

    @Test
    void everyEndpointOfTheApplicationHasAnEntryInTheMatrix() {
        Set<String> missing = new TreeSet<>(endpoints());
        missing.removeAll(MATRIX.keySet());
        missing.removeAll(SESSION_PAGES);
        missing.removeAll(OPEN_PAGES);
        // one method of DecisionPages serves /ui/decisions, .csv and .pdf, each tried in SESSION_PAGES
        missing.remove("GET /ui/decisions{file: (\\.csv|\\.pdf)?}");
        assertEquals(Set.of(), missing, "endpoints without an authorisation rule in this test");
    }

    @Test
    void eachRoleGetsThroughOnlyWhereApiMdLetsIt() {
        List<String> wrong = new ArrayList<>();
        for (String endpoint : endpoints()) {
            Set<Role> allowed = MATRIX.get(endpoint);
            if (allowed == null) {
                continue; // reported by the test above
            }
            int anonymous = call(endpoint, null).status();
            int forged = call(endpoint, "forged-" + UUID.randomUUID()).status();
            if (allowed != PUBLIC && (anonymous != 401 || forged != 401)) {
                wrong.add(endpoint + " without a valid token: " + anonymous + "/" + forged);
            }
            for (Role role : Role.values()) {
                int status = call(endpoint, tokens.get(role)).status();
                boolean through = status != 401 && status != 403;
                if (allowed != PUBLIC && through != allowed.contains(role)) {
                    wrong.add(endpoint + " as " + role + ": " + status);
                }
                if (status >= 500) {
                    wrong.add(endpoint + " as " + role + ": server error " + status);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /**
     * Over every protected endpoint: no token and a refused token are two 401s (WWW-Authenticate Bearer, resp. with
     * error="invalid_token"), and a role turned away at the door gets a 403 naming the roles the matrix lets in.
     */
    @Test
    void refusalsSayWhyAndNameTheRolesThatMayPass() {
        List<String> wrong = new ArrayList<>();
        for (String endpoint : endpoints()) {
            Set<Role> allowed = MATRIX.get(endpoint);
            if (allowed == null || allowed == PUBLIC) {
                continue;
            }
            Api.Reply anonymous = call(endpoint, null);
            Api.Reply forged = call(endpoint, "forged-" + UUID.randomUUID());
            String noToken = anonymous.response().getHeaderString("WWW-Authenticate");
            String badToken = forged.response().getHeaderString("WWW-Authenticate");
            if (noToken == null || noToken.contains("invalid_token") || badToken == null
                    || !badToken.contains("error=\"invalid_token\"")) {
                wrong.add(endpoint + " challenges: " + noToken + " / " + badToken);
            }
            if (anonymous.body() == null || forged.body() == null
                    || anonymous.body().path("message").asText().equals(forged.body().path("message").asText())) {
                wrong.add(endpoint + " says the same for no token and a refused one: " + anonymous.raw());
            }
            for (Role role : Role.values()) {
                Api.Reply r = call(endpoint, tokens.get(role));
                if (r.status() == 403 && !allowed.contains(role)) {
                    List<String> expected = java.util.Arrays.stream(Role.values()).filter(allowed::contains)
                            .map(Enum::name).toList();
                    List<String> named = new ArrayList<>();
                    r.body().path("requiredRoles").forEach(n -> named.add(n.asText()));
                    if (!named.equals(expected) || !r.body().path("message").asText().endsWith("your role is " + role)) {
                        wrong.add(endpoint + " as " + role + ": " + r.raw());
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void aCitySeesNothingOfAnotherCitysPlan() {
        String other = api().city("other-" + UUID.randomUUID());
        for (String path : List.of("", "/evaluations", "/history", "/report")) {
            assertEquals(404, api().get("/api/plans/" + planId + path, other).status(), path);
        }
        assertEquals(404, api().post("/api/plans/" + planId + "/actions", other, "{\"action\":\"WITHDRAW\"}").status());
        assertEquals(0, api().get("/api/plans", other).body().get("total").asInt());
    }

    String walkedPlan() {
        String id = api().post("/api/plans", tokens.get(Role.CITY), Api.example("phuket-livable-pass"))
                .body().get("plan").get("id").asText();
        api().post("/api/plans/" + id + "/actions", tokens.get(Role.OFFICE), "{\"action\":\"REQUEST_REVISION\",\"comment\":\"more KPIs\"}");
        assertTrue(verified(id));
        return id;
    }

    boolean verified(String id) {
        return api().get("/api/plans/" + id + "/history", tokens.get(Role.OFFICE)).body().get("chainVerified").asBoolean();
    }

    void sql(String statement, Object... args) {
        api().jdbi().useHandle(h -> h.execute(statement, args));
    }

    @Test
    void editingAnEventBreaksTheChain() {
        String id = walkedPlan();
        sql("UPDATE events SET actor = 'someone else' WHERE plan_id = ? AND seq = 1", id);
        assertFalse(verified(id));
    }

    @Test
    void deletingAnEventInTheMiddleBreaksTheChain() {
        String id = walkedPlan();
        sql("DELETE FROM events WHERE plan_id = ? AND seq = 2", id);
        assertFalse(verified(id));
    }

    @Test
    void deletingTheLatestEventBreaksTheChain() {
        String id = walkedPlan();
        sql("DELETE FROM events WHERE plan_id = ? AND seq = (SELECT MAX(seq) FROM events WHERE plan_id = ?)", id, id);
        assertFalse(verified(id));
    }

    @Test
    void reorderingEventsBreaksTheChain() {
        String id = walkedPlan();
        sql("UPDATE events SET seq = seq + 100 WHERE plan_id = ? AND seq = 1", id);
        sql("UPDATE events SET seq = 1 WHERE plan_id = ? AND seq = 2", id);
        sql("UPDATE events SET seq = 2 WHERE plan_id = ? AND seq = 101", id);
        assertFalse(verified(id));
    }

    @Test
    void verifyRecordNamesThePlansWhoseRecordChanged() {
        String intact = walkedPlan();
        String changed = walkedPlan();
        sql("UPDATE events SET comment = 'never said' WHERE plan_id = ? AND seq = 3", changed);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = VerifyRecordCommand.verify(api().jdbi(), api().recordKey(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertNotEquals(0, status);
        String report = err.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains(changed), report);
        assertFalse(report.contains(intact), report);
    }
}
