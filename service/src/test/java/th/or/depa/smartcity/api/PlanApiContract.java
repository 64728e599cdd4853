package th.or.depa.smartcity.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;

/** The plans API through HTTP, run by a subclass per database (PlanApiH2Test, PlanApiPostgresTest). */
abstract class PlanApiContract {

    abstract Api api();

    String org;
    String city;

    @BeforeEach
    void newCity() {
        org = "org-" + UUID.randomUUID();
        city = api().city(org);
    }

    Api.Reply submit(String token, String json) {
        return api().post("/api/plans", token, json);
    }

    long total(String token) {
        return api().get("/api/plans", token).body().get("total").asLong();
    }

    @Nested
    class Submitting {

        @Test
        void aPassingPlanIsStoredAsRevisionOneInScreeningWithItsEvaluation() {
            Api.Reply r = submit(city, Api.example("phuket-livable-pass"));
            assertEquals(201, r.status(), r.raw());
            JsonNode plan = r.body().get("plan");
            assertEquals("SCREENING", plan.get("state").asText());
            assertEquals(1, plan.get("revision").asInt());
            assertEquals(org, plan.get("organisation").asText());
            assertEquals("Phuket", plan.get("province").asText());
            assertEquals("นครภูเก็ต", plan.get("cityTh").asText());
            assertEquals("/api/plans/" + plan.get("id").asText(), r.response().getLocation().getPath());
            JsonNode ev = r.body().get("evaluation");
            assertEquals("PASS", ev.get("outcome").asText());
            assertEquals(plan.get("id").asText(), ev.get("planId").asText());
            assertEquals(15, ev.get("criteria").size());
            assertEquals(1, ev.get("ruleSet").get("version").asInt());
            assertEquals(64, ev.get("ruleSet").get("sha256").asText().length());

            Api.Reply read = api().get("/api/plans/" + plan.get("id").asText(), city);
            assertEquals(200, read.status());
            assertEquals(r.body().get("evaluation"), read.body().get("evaluation"));
            assertEquals("เทศบาลนครภูเก็ต", read.body().get("plan").get("content").get("applicant").get("nameTh").asText());
        }

        @Test
        void aFailingPlanIsStoredAsNotEligibleWithTheReasons() {
            Api.Reply r = submit(city, Api.example("one-domain-fails-sc03"));
            assertEquals(201, r.status(), r.raw());
            assertEquals("NOT_ELIGIBLE", r.body().get("plan").get("state").asText());
            JsonNode sc03 = criterion(r.body().get("evaluation"), "SC-03");
            assertEquals("NOT_MET", sc03.get("status").asText());
            assertTrue(sc03.get("reason").get("en").asText().contains("1 smart domain"));
            assertFalse(sc03.get("reason").get("th").asText().isBlank());
        }

        @Test
        void theProvinceIsStoredUnderItsEnglishName() {
            String json = Api.example("phuket-livable-pass").replace("\"Phuket\"", "\"chon buri\"");
            Api.Reply r = submit(api().city("org-" + UUID.randomUUID(), "Chonburi"), json);
            assertEquals(201, r.status(), r.raw());
            assertEquals("Chonburi", r.body().get("plan").get("province").asText());
        }

        @Test
        void aFormatErrorIs422NamingTheFieldAndStoresNothing() {
            long before = total(city);
            String json = Api.example("phuket-livable-pass").replace("\"areaKm2\": 12.0", "\"areaKm2\": -1");
            Api.Reply r = submit(city, json);
            assertEquals(422, r.status(), r.raw());
            assertEquals(422, r.body().get("code").asInt());
            assertEquals("city.areaKm2", r.body().get("errors").get(0).get("field").asText());
            assertEquals(before, total(city));
        }

        @Test
        void aBodyThatIsNotJsonIs400() {
            Api.Reply r = submit(city, "{not json");
            assertEquals(400, r.status(), r.raw());
            assertEquals(400, r.body().get("code").asInt());
        }

        @Test
        void aBodyOverOneMebibyteIs413() {
            String big = "{\"vision\": \"" + "x".repeat(1024 * 1024) + "\"}";
            Api.Reply r = submit(city, big);
            assertEquals(413, r.status(), r.raw());
        }
    }

    @Nested
    class Idempotency {

        @Test
        void aRetryWithTheSameKeyGetsTheFirstAnswerAndStoresNothingNew() {
            String key = UUID.randomUUID().toString();
            String json = Api.example("phuket-livable-pass");
            Api.Reply first = reply(key, city, json);
            Api.Reply again = reply(key, city, json);
            assertEquals(201, first.status(), first.raw());
            assertEquals(first.status(), again.status());
            assertEquals(first.body(), again.body());
            assertEquals(1, total(city));
        }

        @Test
        void theSameKeyWithAnotherBodyIs422() {
            String key = UUID.randomUUID().toString();
            assertEquals(201, reply(key, city, Api.example("phuket-livable-pass")).status());
            Api.Reply r = reply(key, city, Api.example("one-domain-fails-sc03"));
            assertEquals(422, r.status(), r.raw());
            assertEquals("Idempotency-Key", r.body().get("errors").get(0).get("field").asText());
        }

        @Test
        void keysBelongToTheUserWhoSentThem() {
            String key = UUID.randomUUID().toString();
            String json = Api.example("phuket-livable-pass");
            Api.Reply mine = reply(key, city, json);
            Api.Reply theirs = reply(key, api().city(org), json);
            assertEquals(201, theirs.status());
            assertNotEquals(mine.body().get("plan").get("id"), theirs.body().get("plan").get("id"));
        }

        Api.Reply reply(String key, String token, String json) {
            return Api.reply(api().request("/api/plans", token).header("Idempotency-Key", key)
                    .post(Entity.entity(json, MediaType.APPLICATION_JSON_TYPE)));
        }
    }

    @Nested
    class Reading {

        @Test
        void aCitySeesOnlyItsOwnPlans() {
            String id = submit(city, Api.example("phuket-livable-pass")).body().get("plan").get("id").asText();
            String other = api().city("other-" + UUID.randomUUID());
            assertEquals(404, api().get("/api/plans/" + id, other).status());
            assertEquals(404, api().get("/api/plans/" + id + "/evaluations", other).status());
            assertEquals(0, total(other));
            assertEquals(200, api().get("/api/plans/" + id, api().token(Role.OFFICE, null, null, false)).status());
            assertEquals(200, api().get("/api/plans/" + id, api().token(Role.ADMIN, null, null, false)).status());
        }

        @Test
        void theListIsNewestFirstFilteredAndPaged() {
            List<String> ids = new ArrayList<>();
            for (String ex : List.of("phuket-livable-pass", "korat-new-city-pass", "one-domain-fails-sc03")) {
                ids.add(0, submit(city, Api.example(ex, Api.DEFAULT_PROVINCE)).body().get("plan").get("id").asText());
            }
            JsonNode all = api().get("/api/plans", city).body();
            assertEquals(3, all.get("total").asInt());
            assertEquals(ids.get(0), all.get("items").get(0).get("id").asText());
            assertEquals("FAIL", all.get("items").get(0).get("outcome").asText());
            assertTrue(all.get("items").get(0).path("content").isMissingNode());

            JsonNode page = api().get("/api/plans?limit=1&offset=1", city).body();
            assertEquals(3, page.get("total").asInt());
            assertEquals(ids.get(1), page.get("items").get(0).get("id").asText());

            assertEquals(1, api().get("/api/plans?kind=NEW", city).body().get("total").asInt(), all.toString());
            assertEquals(1, api().get("/api/plans?status=NOT_ELIGIBLE", city).body().get("total").asInt());
            // a city files plans for its own province only (its organisation's): all three are Phuket's
            assertEquals(3, api().get("/api/plans?province=phuket", city).body().get("total").asInt());
            assertEquals(0, api().get("/api/plans?province=nakhon%20ratchasima", city).body().get("total").asInt());
        }

        @Test
        void badQueriesAre422NamingTheParameter() {
            assertEquals("limit", api().get("/api/plans?limit=201", city).body().get("errors").get(0).get("field").asText());
            assertEquals(422, api().get("/api/plans?limit=abc", city).status());
            assertEquals(422, api().get("/api/plans?status=DONE", city).status());
            assertEquals(422, api().get("/api/plans?province=Atlantis", city).status());
        }

        @Test
        void evaluationsAreListedNewestFirst() {
            String id = submit(city, Api.example("phuket-livable-pass")).body().get("plan").get("id").asText();
            JsonNode items = api().get("/api/plans/" + id + "/evaluations", city).body().get("items");
            assertEquals(1, items.size());
            assertEquals(1, items.get(0).get("revision").asInt());
        }
    }

    @Nested
    class Roles {

        @Test
        void noTokenOrABadTokenIs401() {
            assertEquals(401, api().get("/api/plans", null).status());
            Api.Reply bad = api().get("/api/plans", "not-a-token");
            assertEquals(401, bad.status());
            assertEquals(401, bad.body().get("code").asInt());
        }

        @Test
        void onlyACitySubmits() {
            for (Role role : List.of(Role.OFFICE, Role.COMMITTEE, Role.REVIEWER, Role.ADMIN)) {
                String token = api().token(role, null, role == Role.COMMITTEE ? "COMMITTEE" : null, false);
                assertEquals(403, submit(token, Api.example("phuket-livable-pass")).status(), role.name());
            }
        }

        @Test
        void theCriteriaArePublic() {
            Api.Reply r = api().get("/api/criteria", null);
            assertEquals(200, r.status());
            assertEquals(15, r.body().get("criteria").size());
            JsonNode sc03 = null;
            for (JsonNode c : r.body().get("criteria")) {
                sc03 = c.get("id").asText().equals("SC-03") ? c : sc03;
            }
            assertNotNull(sc03);
            assertEquals(2, sc03.get("thresholds").get("minDomains").asInt());
            assertEquals("ENVIRONMENT", sc03.get("thresholds").get("requiredDomains").get(0).asText());
        }
    }

    @Nested
    class Users {

        @Test
        void anAdminCreatesAUserWhoseTokenWorksAtOnceAndRevokesIt() {
            String admin = api().token(Role.ADMIN, null, null, false);
            Api.Reply created = api().post("/api/users", admin,
                    "{\"name\":\"Khon Kaen officer\",\"role\":\"CITY\",\"org\":\"" + org + "\"}");
            assertEquals(201, created.status(), created.raw());
            String token = created.body().get("token").asText();
            assertTrue(token.length() >= 22, "at least 128 bits");
            assertEquals(200, api().get("/api/plans", token).status());
            JsonNode listed = api().get("/api/users", admin).body().get("items");
            assertFalse(listed.toString().contains(token), "the list never shows a token");
            String id = created.body().get("id").asText();
            Api.Reply revoked = Api.reply(api().request("/api/users/" + id + "/tokens", admin).delete());
            assertEquals(200, revoked.status(), revoked.raw());
            assertEquals(401, api().get("/api/plans", token).status());
        }

        @Test
        void onlyAnAdminManagesUsersAndBadFieldsAre422() {
            assertEquals(403, api().get("/api/users", api().token(Role.OFFICE, null, null, false)).status());
            String admin = api().token(Role.ADMIN, null, null, false);
            Api.Reply r = api().post("/api/users", admin, "{\"name\":\"x\",\"role\":\"MAYOR\"}");
            assertEquals(422, r.status());
            assertEquals("role", r.body().get("errors").get(0).get("field").asText());
            assertEquals(422, api().post("/api/users", admin, "{\"name\":\"x\",\"role\":\"CITY\"}").status(),
                    "a CITY needs its organisation");
        }
    }

    @Nested
    class Fuzz {

        /** Mutated plans get a 2xx or a 4xx naming what is wrong, never a 5xx, and a 4xx stores nothing. */
        @Test
        void damagedPlansNeverCauseAServerErrorOrAHalfWrittenRecord() throws Exception {
            th.or.depa.smartcity.support.PlanMutator mutator = new th.or.depa.smartcity.support.PlanMutator(20261123L);
            List<String> examples = List.of("phuket-livable-pass", "korat-new-city-pass", "minimal-fails-everything");
            long stored = total(city);
            for (int i = 0; i < 150; i++) {
                String body = mutator.mutate(Api.example(examples.get(i % examples.size()), Api.DEFAULT_PROVINCE));
                Api.Reply r = submit(city, body);
                assertTrue(r.status() < 500, "case " + i + " gave " + r.status() + ": " + r.raw() + "\nfor " + body);
                if (r.status() == 201) {
                    stored++;
                } else {
                    assertTrue(r.status() == 400 || r.status() == 422 || r.status() == 413, r.raw());
                    assertEquals(r.status(), r.body().get("code").asInt());
                    if (r.status() == 422) {
                        assertTrue(r.body().get("errors").size() > 0, r.raw());
                    }
                }
                assertEquals(stored, total(city), "case " + i);
            }
        }
    }

    @Nested
    class DryRun {

        @Test
        void evaluateAnswersTheBareEvaluationAndStoresNothing() {
            String office = api().token(Role.OFFICE, null, null, false);
            long before = total(office);
            Api.Reply r = api().post("/api/evaluate", city, Api.example("no-privacy-fails-sc07"));
            assertEquals(200, r.status(), r.raw());
            assertTrue(r.body().get("id").isNull());
            assertTrue(r.body().get("planId").isNull());
            assertEquals("FAIL", r.body().get("outcome").asText());
            assertEquals(before, total(office));
        }
    }

    static JsonNode criterion(JsonNode evaluation, String id) {
        for (JsonNode c : evaluation.get("criteria")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no " + id + " in " + evaluation);
    }
}
