package th.or.depa.smartcity.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import th.or.depa.smartcity.support.Api;

/**
 * POST /api/users/{id}/tokens per database (UserTokensH2Test, UserTokensPostgresTest): ADMIN issues a new token to
 * an existing user, the earlier ones stay valid until DELETE /tokens revokes them all, and each issue is an event of
 * the users' record, which still verifies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UserTokensContract {

    abstract Api api();

    String admin;

    @BeforeAll
    void users() {
        admin = api().token(Role.ADMIN, null, null, false);
    }

    JsonNode newUser(String role) {
        Api.Reply r = api().post("/api/users", admin, "{\"name\": \"ผู้ตรวจ " + UUID.randomUUID() + "\", \"role\": \""
                + role + "\"}");
        assertEquals(201, r.status(), r.raw());
        return r.body();
    }

    Api.Reply issue(String id, String token) {
        return api().post("/api/users/" + id + "/tokens", token, "");
    }

    @Test
    void anAdminIssuesANewTokenAndTheEarlierOneStaysValid() {
        JsonNode user = newUser("REVIEWER");
        String id = user.get("id").asText();
        String first = user.get("token").asText();

        Api.Reply r = issue(id, admin);
        assertEquals(201, r.status(), r.raw());
        assertEquals("/api/users/" + id, r.response().getLocation().getPath());
        assertEquals(List.of("id", "name", "role", "token"), fields(r.body()));
        assertEquals(id, r.body().get("id").asText());
        assertEquals(user.get("name").asText(), r.body().get("name").asText());
        assertEquals("REVIEWER", r.body().get("role").asText());
        String second = r.body().get("token").asText();
        assertNotEquals(first, second);

        assertEquals(200, api().get("/api/rulesets", first).status(), "the earlier token still works");
        assertEquals(200, api().get("/api/rulesets", second).status(), "the new token works at once");
    }

    @Test
    void revokingRevokesEveryTokenAndANewOneLetsTheUserBackIn() {
        JsonNode user = newUser("OFFICE");
        String id = user.get("id").asText();
        String first = user.get("token").asText();
        String second = issue(id, admin).body().get("token").asText();

        Api.Reply revoked = Api.reply(api().request("/api/users/" + id + "/tokens", admin).delete());
        assertEquals(2, revoked.body().get("revoked").asInt(), revoked.raw());
        assertEquals(401, api().get("/api/rulesets", first).status());
        assertEquals(401, api().get("/api/rulesets", second).status());

        String third = issue(id, admin).body().get("token").asText();
        assertEquals(200, api().get("/api/rulesets", third).status());
    }

    @Test
    void eachIssueIsAnEventOfTheUsersRecordWhichStillVerifies() {
        String id = newUser("REVIEWER").get("id").asText();
        issue(id, admin);
        issue(id, admin);
        JsonNode record = api().get("/api/users/record", admin).body();
        assertTrue(record.get("chainVerified").asBoolean(), record.toString());
        List<String> types = new ArrayList<>();
        record.get("items").forEach(e -> {
            if (id.equals(e.path("user").asText())) {
                types.add(e.get("type").asText());
                if (e.get("type").asText().equals("TOKEN_ISSUED")) {
                    assertEquals("ADMIN", e.get("role").asText());
                    assertEquals(16, e.get("data").get("tokenId").asText().length());
                }
            }
        });
        assertEquals(List.of("USER_CREATED", "TOKEN_ISSUED", "TOKEN_ISSUED"), types);
    }

    @Test
    void aTokenSlippedInBehindTheRecordsBackIsCaught() {
        String id = newUser("REVIEWER").get("id").asText();
        issue(id, admin);
        String hash = Tokens.hash("slipped-" + UUID.randomUUID());
        api().jdbi().useHandle(h -> h.execute("INSERT INTO tokens (token_hash, user_id, created_at) "
                + "VALUES (?, ?, CURRENT_TIMESTAMP)", hash, id));
        try {
            assertFalse(api().get("/api/users/record", admin).body().get("chainVerified").asBoolean());
        } finally {
            api().jdbi().useHandle(h -> h.execute("DELETE FROM tokens WHERE token_hash = ?", hash));
        }
        assertTrue(api().get("/api/users/record", admin).body().get("chainVerified").asBoolean(),
                "the issued tokens themselves are in the record");
    }

    @Test
    void anUnknownUserIs404InJson() {
        Api.Reply r = issue(UUID.randomUUID().toString(), admin);
        assertEquals(404, r.status(), r.raw());
        assertEquals("no such user", r.body().get("message").asText());
        assertEquals("ไม่พบผู้ใช้นี้", r.body().get("reason").get("th").asText());
    }

    @Test
    void onlyAnAdminIssuesTokens() {
        JsonNode user = newUser("OFFICE");
        String id = user.get("id").asText();
        for (Role role : Role.values()) {
            if (role == Role.ADMIN) {
                continue;
            }
            String token = role == Role.CITY ? api().city("tokens-" + UUID.randomUUID().toString().substring(0, 8))
                    : api().token(role, null, role == Role.COMMITTEE ? "COMMITTEE" : null, false);
            Api.Reply r = issue(id, token);
            assertEquals(403, r.status(), role + " " + r.raw());
            assertEquals("[\"ADMIN\"]", r.body().get("requiredRoles").toString());
        }
        assertEquals(401, issue(id, null).status());
    }

    static List<String> fields(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
