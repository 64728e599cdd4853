package th.or.depa.smartcity.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.Poll;

/**
 * Tokens kept in memory (auth.tokenCache) per database (TokenCacheH2Test, TokenCachePostgresTest): a known token is
 * answered without a lookup, and every way of taking access away (revoking through the API, deactivating, deleting
 * or revoking a token by SQL on another connection, changing the role) counts from the very next request; with the
 * revocation counter's connection killed, the service looks tokens up, then caches again once it has reconnected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TokenCacheContract {

    static final ConfigOverride CACHE_ON = ConfigOverride.config("auth.tokenCache", "true");

    abstract DropwizardAppExtension<SmartCityConfiguration> app();

    /** Ends the database session with this id, as an operator or a network failure would. */
    abstract void kill(long session);

    Api api() {
        return new Api(app());
    }

    String admin;

    @BeforeAll
    void adminAndCounter() throws InterruptedException {
        admin = api().token(Role.ADMIN, null, null, false);
        Poll.until("the revocation counter read", 10, () -> gauge("auth.tokenCache.epochSession") >= 0);
    }

    long gauge(String name) {
        return ((Number) app().getEnvironment().metrics().getGauges().get(name).getValue()).longValue();
    }

    JsonNode newUser(String role) {
        Api.Reply r = api().post("/api/users", admin, "{\"name\": \"cached " + UUID.randomUUID() + "\", \"role\": \""
                + role + "\"}");
        assertEquals(201, r.status(), r.raw());
        return r.body();
    }

    int rulesets(String token) {
        return api().get("/api/rulesets", token).status();
    }

    void sql(String statement, Object... args) {
        api().jdbi().useHandle(h -> h.execute(statement, args));
    }

    @Test
    void aKnownTokenIsAnsweredFromMemory() {
        String token = newUser("REVIEWER").get("token").asText();
        assertEquals(200, rulesets(token));
        long lookups = gauge("auth.tokenCache.lookups");
        long hits = gauge("auth.tokenCache.hits");
        for (int i = 0; i < 20; i++) {
            assertEquals(200, rulesets(token));
        }
        // every request after the first from memory (one whose counter read took over 2 s on a busy machine looks up)
        assertTrue(gauge("auth.tokenCache.hits") - hits >= 18, "hits: " + (gauge("auth.tokenCache.hits") - hits));
        // other tests' tokens may be looked up meanwhile, never this one 20 times
        assertTrue(gauge("auth.tokenCache.lookups") - lookups < 20);
    }

    @Test
    void aRevokedTokenIsRefusedFromTheNextRequestOn() {
        for (int i = 0; i < 10; i++) {
            JsonNode user = newUser("REVIEWER");
            String token = user.get("token").asText();
            assertEquals(200, rulesets(token));
            assertEquals(200, rulesets(token)); // now from memory
            Api.Reply revoked = Api.reply(api().request("/api/users/" + user.get("id").asText() + "/tokens", admin)
                    .delete());
            assertEquals(200, revoked.status(), revoked.raw());
            assertEquals(401, rulesets(token), "round " + i);
        }
        assertEquals(200, rulesets(admin), "the admin's own token was cached before and still works");
    }

    @Test
    void aNewTokenWorksAtOnceAndTheOldOnesStay() {
        JsonNode user = newUser("REVIEWER");
        String first = user.get("token").asText();
        assertEquals(200, rulesets(first));
        String second = api().post("/api/users/" + user.get("id").asText() + "/tokens", admin, "").body()
                .get("token").asText();
        assertEquals(200, rulesets(second));
        assertEquals(200, rulesets(first));
    }

    @Test
    void aUserDeactivatedBySqlIsRefusedFromTheNextRequestOn() {
        JsonNode user = newUser("REVIEWER");
        String token = user.get("token").asText();
        assertEquals(200, rulesets(token));
        assertEquals(200, rulesets(token));
        sql("UPDATE users SET active = FALSE WHERE id = ?", user.get("id").asText());
        assertEquals(401, rulesets(token));
    }

    @Test
    void aTokenRevokedOrDeletedBySqlIsRefusedFromTheNextRequestOn() {
        String revoked = newUser("REVIEWER").get("token").asText();
        String deleted = newUser("REVIEWER").get("token").asText();
        assertEquals(200, rulesets(revoked));
        assertEquals(200, rulesets(deleted));
        assertEquals(200, rulesets(revoked));
        sql("UPDATE tokens SET revoked_at = CURRENT_TIMESTAMP WHERE token_hash = ?", Tokens.hash(revoked));
        assertEquals(401, rulesets(revoked));
        assertEquals(200, rulesets(deleted));
        sql("DELETE FROM tokens WHERE token_hash = ?", Tokens.hash(deleted));
        assertEquals(401, rulesets(deleted));
    }

    @Test
    void aRoleChangedBySqlCountsFromTheNextRequestOn() {
        JsonNode user = newUser("ADMIN");
        String token = user.get("token").asText();
        assertEquals(200, api().get("/api/users", token).status());
        assertEquals(200, api().get("/api/users", token).status());
        sql("UPDATE users SET role = 'OFFICE' WHERE id = ?", user.get("id").asText());
        assertEquals(403, api().get("/api/users", token).status());
    }

    @Test
    void withTheCounterUnreadableEveryRequestLooksItsTokenUpThenCachingResumes() throws InterruptedException {
        JsonNode user = newUser("REVIEWER");
        String token = user.get("token").asText();
        String other = newUser("REVIEWER").get("token").asText();
        assertEquals(200, rulesets(token));
        assertEquals(200, rulesets(other));
        long session = gauge("auth.tokenCache.epochSession");
        kill(session);
        // revoked while the counter's connection is gone: the request cannot trust memory, it looks up
        assertEquals(200, Api.reply(api().request("/api/users/" + user.get("id").asText() + "/tokens", admin)
                .delete()).status());
        long lookups = gauge("auth.tokenCache.lookups");
        assertEquals(401, rulesets(token));
        assertEquals(200, rulesets(other));
        assertTrue(gauge("auth.tokenCache.lookups") - lookups >= 2, "both looked up, neither taken from memory");
        Poll.until("the counter's connection back", 10, () -> gauge("auth.tokenCache.epochSession") >= 0
                && gauge("auth.tokenCache.epochSession") != session);
        assertEquals(200, rulesets(other));
        long hits = gauge("auth.tokenCache.hits");
        assertEquals(200, rulesets(other));
        assertEquals(200, rulesets(other));
        assertEquals(2, gauge("auth.tokenCache.hits") - hits, "from memory again");
        assertNotEquals(session, gauge("auth.tokenCache.epochSession"));
    }
}
