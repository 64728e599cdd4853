package th.or.depa.smartcity.organisation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import th.or.depa.smartcity.SmartCityApplication;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.auth.Tokens;
import th.or.depa.smartcity.support.Api;

/**
 * Organisations through HTTP and the command line, per database (OrganisationApiH2Test, OrganisationApiPostgresTest):
 * ADMIN registers them, a CITY user belongs to a registered one, and its plans are for its own province only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrganisationApiContract {

    abstract Api api();

    /** The JDBC URL of this class's database, for the commands run in-process. */
    abstract String url();

    String admin;
    String office;

    @BeforeAll
    void users() {
        admin = api().token(Role.ADMIN, null, null, false);
        office = api().token(Role.OFFICE, null, null, false);
    }

    static String body(String id, String province, String kind) {
        return "{\"id\": \"" + id + "\", \"nameTh\": \"เทศบาลนครภูเก็ต\", \"nameEn\": \"Phuket City Municipality\", "
                + "\"province\": \"" + province + "\", \"kind\": \"" + kind + "\"}";
    }

    static String newId() {
        return "org-" + UUID.randomUUID();
    }

    static String field(Api.Reply r) {
        return r.body().get("errors").get(0).get("field").asText();
    }

    @Nested
    class Registering {

        @Test
        void anAdminRegistersAnOrganisationWithTheProvinceAsTheListNamesIt() {
            String id = newId();
            Api.Reply r = api().post("/api/organisations", admin, body(id, "นครราชสีมา", "MUNICIPALITY"));
            assertEquals(201, r.status(), r.raw());
            assertEquals("/api/organisations/" + id, r.response().getLocation().getPath());
            assertEquals("Nakhon Ratchasima", r.body().get("province").asText());
            assertEquals("นครราชสีมา", r.body().get("provinceTh").asText());
            assertEquals("เทศบาล", r.body().get("kindLabel").get("th").asText());

            JsonNode read = api().get("/api/organisations/" + id, office).body();
            assertEquals("Nakhon Ratchasima", read.get("province").asText());
            assertEquals("Phuket City Municipality", read.get("nameEn").asText());
            assertTrue(ids(api().get("/api/organisations", office).body()).contains(id));
        }

        @Test
        void onlyAnAdminRegisters() {
            for (Role role : List.of(Role.OFFICE, Role.REVIEWER, Role.CITY)) {
                String token = role == Role.CITY ? api().city(newId()) : api().token(role, null, null, false);
                String id = newId();
                assertEquals(403, api().post("/api/organisations", token, body(id, "Phuket", "MUNICIPALITY")).status(),
                        role.name());
                assertEquals(404, api().get("/api/organisations/" + id, office).status());
            }
            String member = api().token(Role.COMMITTEE, null, "COMMITTEE", false);
            assertEquals(403, api().post("/api/organisations", member, body(newId(), "Phuket", "PRIVATE")).status());
            assertEquals(401, api().post("/api/organisations", null, body(newId(), "Phuket", "PRIVATE")).status());
        }

        @Test
        void badFieldsAre422NamingTheFieldAndRegisterNothing() {
            assertEquals("province", field(refused(body(newId(), "Atlantis", "MUNICIPALITY"))));
            assertEquals("kind", field(refused(body(newId(), "Phuket", "VILLAGE"))));
            assertEquals("id", field(refused(body("Phuket_City", "Phuket", "MUNICIPALITY"))));
            assertEquals("id", field(refused(body("p", "Phuket", "MUNICIPALITY"))));
            assertEquals("id", field(refused(body("x".repeat(65), "Phuket", "MUNICIPALITY"))));
            assertEquals("nameTh", field(refused(body(newId(), "Phuket", "MUNICIPALITY").replace("เทศบาลนครภูเก็ต", " "))));
            assertEquals("colour", field(refused(body(newId(), "Phuket", "MUNICIPALITY").replace("{", "{\"colour\": \"red\", "))));
            assertEquals("kind", field(refused("{\"id\": \"" + newId() + "\", \"nameTh\": \"ก\", \"nameEn\": \"A\", \"province\": \"Phuket\"}")));
            Api.Reply thai = refused(body(newId(), "Atlantis", "MUNICIPALITY"));
            assertTrue(thai.body().get("reason").get("th").asText().contains("Atlantis"), thai.raw());
            assertEquals(400, api().post("/api/organisations", admin, "{\"id\": ").status());
            assertEquals(0, api().get("/api/organisations", office).body().get("items").findValuesAsText("nameEn")
                    .stream().filter(n -> n.isBlank()).count());
        }

        @Test
        void aSecondOrganisationWithTheSameIdIs409() {
            String id = newId();
            assertEquals(201, api().post("/api/organisations", admin, body(id, "Phuket", "MUNICIPALITY")).status());
            Api.Reply again = api().post("/api/organisations", admin, body(id, "Krabi", "PROVINCE"));
            assertEquals(409, again.status(), again.raw());
            assertEquals("id", field(again));
            assertEquals("Phuket", api().get("/api/organisations/" + id, office).body().get("province").asText());
        }

        @Test
        void aCitySeesOnlyItsOwnOrganisation() {
            String mine = newId();
            String theirs = newId();
            api().organisation(theirs, "Krabi");
            String city = api().city(mine);
            assertEquals(List.of(mine), ids(api().get("/api/organisations", city).body()));
            assertEquals(200, api().get("/api/organisations/" + mine, city).status());
            assertEquals(404, api().get("/api/organisations/" + theirs, city).status());
        }

        @Test
        void registeringIsInTheUsersRecordAndAChangedProvinceShows() {
            String id = newId();
            assertEquals(201, api().post("/api/organisations", admin, body(id, "Phuket", "MUNICIPALITY")).status());
            JsonNode record = api().get("/api/users/record", admin).body();
            assertTrue(record.get("chainVerified").asBoolean(), record.toString());
            assertTrue(record.get("items").findValuesAsText("type").contains("ORGANISATION_CREATED"));
            api().jdbi().useHandle(h -> h.execute("UPDATE organisations SET province = 'Krabi' WHERE id = ?", id));
            try {
                assertFalse(api().get("/api/users/record", admin).body().get("chainVerified").asBoolean());
            } finally {
                api().jdbi().useHandle(h -> h.execute("UPDATE organisations SET province = 'Phuket' WHERE id = ?", id));
            }
            assertTrue(api().get("/api/users/record", admin).body().get("chainVerified").asBoolean());
        }

        Api.Reply refused(String json) {
            Api.Reply r = api().post("/api/organisations", admin, json);
            assertEquals(422, r.status(), r.raw());
            return r;
        }
    }

    @Nested
    class Users {

        @Test
        void theApiRefusesACityUserOfAnUnknownOrganisation() {
            int before = api().get("/api/users", admin).body().get("items").size();
            Api.Reply r = api().post("/api/users", admin, "{\"name\": \"x\", \"role\": \"CITY\", \"org\": \"nowhere-city\"}");
            assertEquals(422, r.status(), r.raw());
            assertEquals("org", field(r));
            assertTrue(r.body().get("message").asText().contains("nowhere-city"), r.raw());
            assertTrue(r.body().get("reason").get("th").asText().contains("nowhere-city"), r.raw());
            assertEquals(before, api().get("/api/users", admin).body().get("items").size());

            String id = newId();
            api().organisation(id, "Phuket");
            assertEquals(201, api().post("/api/users", admin, "{\"name\": \"x\", \"role\": \"CITY\", \"org\": \"" + id
                    + "\"}").status());
        }

        @Test
        void theCommandLineRegistersAnOrganisationAndRefusesAUserOfAnUnknownOne() throws Exception {
            Path config = config();
            Optional<Throwable> unknown = run("add-user", "--name", "x", "--role", "CITY", "--org", "nowhere-cli",
                    config.toString());
            assertTrue(unknown.isPresent(), "add-user of an unknown organisation must fail");
            assertTrue(unknown.get().getMessage().contains("nowhere-cli"), unknown.get().getMessage());

            Optional<Throwable> bad = run("add-organisation", "--id", "cli-org", "--name-th", "ก", "--name-en", "A",
                    "--province", "Atlantis", "--kind", "MUNICIPALITY", config.toString());
            assertTrue(bad.isPresent());
            String id = "cli-" + UUID.randomUUID();
            assertEquals(Optional.empty(), run("add-organisation", "--id", id, "--name-th", "เทศบาลเมืองกระบี่",
                    "--name-en", "Krabi Town Municipality", "--province", "krabi", "--kind", "MUNICIPALITY",
                    config.toString()));
            assertEquals("Krabi", api().get("/api/organisations/" + id, office).body().get("province").asText());
            assertEquals(Optional.empty(), run("add-user", "--name", "y", "--role", "CITY", "--org", id,
                    config.toString()));
            assertTrue(api().get("/api/users/record", admin).body().get("chainVerified").asBoolean());
        }

        Path config() throws Exception {
            String yml = Files.readString(Path.of("src/test/resources/test-config.yml"))
                    .replace("url: jdbc:h2:file:./target/test-db/default", "url: " + url())
                    .replace("user: sa", "user: " + th.or.depa.smartcity.support.TestDatabases.user(url()));
            Path file = Files.createTempFile(Path.of("target"), "org-cli", ".yml");
            Files.writeString(file, yml);
            return file;
        }

        Optional<Throwable> run(String... args) throws Exception {
            SmartCityApplication app = new SmartCityApplication();
            Bootstrap<SmartCityConfiguration> bootstrap = new Bootstrap<>(app);
            app.initialize(bootstrap);
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);
            return new io.dropwizard.core.cli.Cli(new JarLocation(SmartCityApplication.class), bootstrap, out, out)
                    .run(args);
        }
    }

    @Nested
    class Plans {

        @Test
        void aPhuketOrganisationFilingAKoratPlanIs422NamingBothProvincesAndStoresNothing() {
            String city = api().city(newId(), "Phuket");
            long before = total(office);
            Api.Reply r = api().post("/api/plans", city, Api.example("korat-new-city-pass"));
            assertEquals(422, r.status(), r.raw());
            assertEquals("city.province", field(r));
            String en = r.body().get("message").asText();
            assertTrue(en.contains("Nakhon Ratchasima") && en.contains("Phuket"), en);
            String th = r.body().get("reason").get("th").asText();
            assertTrue(th.contains("นครราชสีมา") && th.contains("ภูเก็ต"), th);
            assertTrue(en.startsWith("city.province: "), en);
            assertTrue(en.endsWith(r.body().get("reason").get("en").asText()), r.raw());
            assertEquals(before, total(office));
            assertEquals(0, total(city));

            assertEquals(201, api().post("/api/plans", city, Api.example("phuket-livable-pass")).status());
            assertEquals(1, total(city));
        }

        @Test
        void theProvinceMayBeWrittenAnyWayThePlanReaderAccepts() {
            String city = api().city(newId(), "Nakhon Ratchasima");
            Api.Reply r = api().post("/api/plans", city, Api.example("korat-new-city-pass", "นครราชสีมา"));
            assertEquals(201, r.status(), r.raw());
        }

        @Test
        void aRevisionThatMovesTheProvinceIs422AndChangesNothing() {
            String city = api().city(newId(), "Phuket");
            String id = api().post("/api/plans", city, Api.example("one-domain-fails-sc03")).body()
                    .get("plan").get("id").asText();
            Api.Reply moved = Api.reply(api().request("/api/plans/" + id, city).put(jakarta.ws.rs.client.Entity.json(
                    Api.example("phuket-livable-pass", "Krabi"))));
            assertEquals(422, moved.status(), moved.raw());
            assertEquals("city.province", field(moved));
            assertTrue(moved.body().get("reason").get("th").asText().contains("กระบี่"), moved.raw());
            JsonNode plan = api().get("/api/plans/" + id, city).body();
            assertEquals(1, plan.get("plan").get("revision").asInt(), plan.toString());
            assertEquals("Phuket", plan.get("plan").get("province").asText(), plan.toString());
        }

        @Test
        void aCityWhoseOrganisationWasNeverRegisteredIsRefusedNamingOrganisation() {
            // as a CITY user created before organisations were registered: its row and token only
            String userId = UUID.randomUUID().toString();
            String token = Tokens.newToken();
            api().jdbi().useHandle(h -> {
                h.createUpdate("INSERT INTO users (id, name, role, organisation, created_at, active) "
                        + "VALUES (:id, 'old city', 'CITY', 'old-org', :at, TRUE)")
                        .bind("id", userId).bind("at", Instant.now()).execute();
                h.createUpdate("INSERT INTO tokens (token_hash, user_id, created_at) VALUES (:h, :id, :at)")
                        .bind("h", Tokens.hash(token)).bind("id", userId).bind("at", Instant.now()).execute();
            });
            try {
                Api.Reply r = api().post("/api/plans", token, Api.example("phuket-livable-pass"));
                assertEquals(422, r.status(), r.raw());
                assertEquals("organisation", field(r));
                assertTrue(r.body().get("reason").get("th").asText().contains("old-org"), r.raw());
                assertEquals(0, total(token));
                assertEquals(200, api().post("/api/evaluate", token, Api.example("phuket-livable-pass")).status());
            } finally { // the users' record must verify again for the other tests
                api().jdbi().useHandle(h -> {
                    h.execute("DELETE FROM tokens WHERE user_id = ?", userId);
                    h.execute("DELETE FROM users WHERE id = ?", userId);
                });
            }
        }

        long total(String token) {
            return api().get("/api/plans", token).body().get("total").asLong();
        }
    }

    static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("items").forEach(o -> ids.add(o.get("id").asText()));
        return ids;
    }
}
