package th.or.depa.smartcity.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.Http;
import th.or.depa.smartcity.support.TestApps;
import th.or.depa.smartcity.support.TestDatabases;

/**
 * One error of each kind the API answers, each in the error JSON with its English message and a reason in English
 * and Thai (real Thai, not the English again); per-field errors likewise. The words do not depend on the database.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BilingualErrorsTest {

    static final DropwizardAppExtension<SmartCityConfiguration> APP = TestApps.on(TestDatabases.freshH2());
    private static final ObjectMapper MAPPER = new ObjectMapper();

    Api api;
    Http http;
    String city;
    String office;

    @BeforeAll
    void users() {
        api = new Api(APP);
        http = Http.local(APP.getLocalPort());
        city = api.city("bilingual-" + UUID.randomUUID().toString().substring(0, 8));
        office = api.token(Role.OFFICE, null, null, false);
    }

    /** Every kind of error, by name, with the answer it got. */
    Map<String, Http.Answer> walk() throws Exception {
        Map<String, Http.Answer> answers = new LinkedHashMap<>();
        ObjectNode plan = (ObjectNode) MAPPER.readTree(Api.example("phuket-livable-pass"));
        ((ObjectNode) plan.get("city")).put("population", -5);
        answers.put("format error of one field (422)", http.post("/api/plans", city, null, MAPPER.writeValueAsString(plan)));
        ((ObjectNode) plan.get("city")).put("kind", "BIG");
        answers.put("format errors of two fields (422)", http.post("/api/plans", city, null, MAPPER.writeValueAsString(plan)));
        answers.put("a plan that is not JSON (400)", http.post("/api/plans", city, null, "{\"reference\": "));
        answers.put("a small body that is not JSON (400)", http.post("/api/users", admin(), null, "{nope"));
        answers.put("an unknown field of a small body (422)",
                http.post("/api/users", admin(), null, "{\"name\": \"x\", \"role\": \"OFFICE\", \"colour\": 1}"));
        answers.put("a body over 1 MiB (413)", http.post("/api/plans", city, null, "[" + " ".repeat(1_100_000) + "]"));
        answers.put("a body that is not JSON by type (415)", http.send("POST", "/api/plans", city, "text/plain", "{}"));
        answers.put("no such route (404)", http.get("/api/no-such-thing", office));
        answers.put("no such plan (404)", http.get("/api/plans/" + UUID.randomUUID(), office));
        answers.put("a method the route does not take (405)", http.send("DELETE", "/api/plans", office, null, ""));
        answers.put("a bad query parameter (422)", http.get("/api/plans?limit=many", office));
        answers.put("a workflow refusal (409)", refusedForward());
        answers.put("no token (401)", http.get("/api/plans", null));
        answers.put("a token not accepted (401)", http.get("/api/plans", "not-a-token-" + UUID.randomUUID()));
        answers.put("a role the action does not take (403)", http.get("/api/rulesets", city));
        answers.put("no such user (404)", http.post("/api/users/" + UUID.randomUUID() + "/tokens", admin(), null, ""));
        return answers;
    }

    String admin;

    String admin() {
        if (admin == null) {
            admin = api.token(Role.ADMIN, null, null, false);
        }
        return admin;
    }

    /** A plan forwarded twice: the second time it is no longer in screening. */
    Http.Answer refusedForward() throws Exception {
        String id = http.post("/api/plans", city, null, Api.example("phuket-livable-pass")).body().get("plan").get("id")
                .asText();
        String forward = "{\"action\": \"FORWARD\"}";
        assertEquals(200, http.post("/api/plans/" + id + "/actions", office, null, forward).status());
        return http.post("/api/plans/" + id + "/actions", office, null, forward);
    }

    @Test
    void everyKindOfErrorCarriesItsMessageAndAReasonInEnglishAndThai() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Http.Answer> e : walk().entrySet()) {
            Http.Answer a = e.getValue();
            JsonNode body = a.body();
            String what = e.getKey() + " -> " + a.status() + " " + a.raw();
            if (a.status() < 400 || body == null || body.path("code").asInt() != a.status()) {
                wrong.add("not an error JSON: " + what);
                continue;
            }
            check(what, body.path("message").asText(null), body.path("reason"), wrong);
            for (JsonNode f : body.path("errors")) {
                if (!f.has("field")) {
                    wrong.add("an error without its field: " + what);
                }
                check(what + " field " + f.path("field").asText(), f.path("message").asText(null), f.path("reason"),
                        wrong);
            }
        }
        assertEquals(List.of(), wrong);
    }

    static void check(String what, String message, JsonNode reason, List<String> wrong) {
        String en = reason.path("en").asText("");
        String th = reason.path("th").asText("");
        if (message == null || message.isBlank()) {
            wrong.add("no message: " + what);
        }
        if (en.isBlank() || th.isBlank()) {
            wrong.add("no reason in both languages: " + what);
        } else if (th.equals(en) || th.codePoints().noneMatch(cp -> cp >= 0x0E01 && cp <= 0x0E5B)) {
            wrong.add("the Thai is not Thai: " + what);
        }
    }

    @Test
    void aFormatErrorNamesItsFieldInBothLanguages() throws Exception {
        ObjectNode plan = (ObjectNode) MAPPER.readTree(Api.example("phuket-livable-pass"));
        ((ObjectNode) plan.get("city")).put("population", -5);
        Http.Answer a = http.post("/api/plans", city, null, MAPPER.writeValueAsString(plan));
        assertEquals(422, a.status(), a.raw());
        JsonNode f = a.body().get("errors").get(0);
        assertEquals("city.population", f.get("field").asText());
        assertEquals("must not be negative", f.get("message").asText(), "the English stays as clients know it");
        assertEquals("must not be negative", f.get("reason").get("en").asText());
        assertEquals("ต้องไม่เป็นค่าติดลบ", f.get("reason").get("th").asText());
        assertEquals("city.population: must not be negative", a.body().get("message").asText());
        assertEquals("city.population: ต้องไม่เป็นค่าติดลบ", a.body().get("reason").get("th").asText());
    }

    @Test
    void aMissingTokenAndARefusedOneAreTwoDifferent401s() throws Exception {
        Http.Answer missing = http.get("/api/plans", null);
        Http.Answer refused = http.get("/api/plans", "revoked-or-unknown");
        assertEquals(401, missing.status());
        assertEquals(401, refused.status());
        assertNotEquals(missing.body().get("message").asText(), refused.body().get("message").asText());
        assertNotEquals(missing.body().get("reason").get("th").asText(), refused.body().get("reason").get("th").asText());
        assertEquals("Bearer realm=\"smartcity\"", missing.header("WWW-Authenticate"));
        assertEquals("Bearer realm=\"smartcity\", error=\"invalid_token\"", refused.header("WWW-Authenticate"));

        var basic = api.request("/api/plans", null).header("Authorization", "Basic dXNlcjpwYXNz").get();
        assertEquals(401, basic.getStatus());
        assertEquals("Bearer realm=\"smartcity\"", basic.getHeaderString("WWW-Authenticate"), "not Bearer: missing");
        var empty = api.request("/api/plans", null).header("Authorization", "Bearer ").get();
        assertEquals(401, empty.getStatus());
        assertTrue(empty.getHeaderString("WWW-Authenticate").contains("invalid_token"), "Bearer without a token");
    }

    @Test
    void aRevokedTokenIsNotAccepted() throws Exception {
        var created = http.post("/api/users", admin(), null, "{\"name\": \"leaver\", \"role\": \"REVIEWER\"}").body();
        String token = created.get("token").asText();
        assertEquals(200, http.get("/api/rulesets", token).status());
        assertEquals(200, http.send("DELETE", "/api/users/" + created.get("id").asText() + "/tokens", admin(), null, "")
                .status());
        Http.Answer r = http.get("/api/rulesets", token);
        assertEquals(401, r.status());
        assertTrue(r.header("WWW-Authenticate").contains("error=\"invalid_token\""));
    }

    @Test
    void a403NamesTheRolesTheActionNeedsAndTheCallersRole() throws Exception {
        Http.Answer one = http.post("/api/organisations", office, null, "{}");
        assertEquals(403, one.status(), one.raw());
        assertEquals("[\"ADMIN\"]", one.body().get("requiredRoles").toString());
        assertEquals("this action needs the role ADMIN; your role is OFFICE", one.body().get("message").asText());
        assertTrue(one.body().get("reason").get("th").asText().contains("ADMIN"));

        Http.Answer several = http.get("/api/users/record", city);
        assertEquals(403, several.status(), several.raw());
        assertEquals("[\"OFFICE\",\"ADMIN\"]", several.body().get("requiredRoles").toString());
        assertTrue(several.body().get("message").asText().contains("OFFICE, ADMIN"));
        assertTrue(several.body().get("message").asText().endsWith("your role is CITY"));
    }

    @Test
    void anUnknownRouteAndAWrongMethodNameWhatWasAsked() throws Exception {
        Http.Answer route = http.get("/api/no-such-thing", office);
        assertEquals(404, route.status());
        assertEquals("no such resource: /api/no-such-thing", route.body().get("message").asText());
        Http.Answer method = http.send("DELETE", "/api/plans", office, null, "");
        assertEquals(405, method.status());
        assertTrue(method.body().get("message").asText().startsWith("method DELETE is not allowed here; allowed: "),
                method.raw());
        assertTrue(method.body().get("message").asText().contains("POST"), method.raw());
    }
}
