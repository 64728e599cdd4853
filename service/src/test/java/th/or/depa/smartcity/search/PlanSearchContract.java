package th.or.depa.smartcity.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.db.DataSourceFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.store.Databases;
import th.or.depa.smartcity.store.SearchText;
import th.or.depa.smartcity.support.Api;

/**
 * GET /api/plans?q= per database (PlanSearchH2Test, PlanSearchPostgresTest): city names in Thai or English,
 * reference and organisation id, as a substring, whatever the case and Latin accents; % and _ literal; a CITY still
 * sees only its own plans. Every plan carries a mark of its own test, so tests sharing the database do not meet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PlanSearchContract {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    abstract Api api();

    abstract String url();

    String office;

    @BeforeAll
    void users() {
        office = api().token(Role.OFFICE, null, null, false);
    }

    static String mark() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The Phuket example with its reference and city names replaced; submitted by city. Returns the plan's id. */
    String submit(String city, String reference, String name, String nameTh) throws Exception {
        ObjectNode plan = (ObjectNode) MAPPER.readTree(Api.example("phuket-livable-pass"));
        plan.put("reference", reference);
        ((ObjectNode) plan.get("city")).put("name", name).put("nameTh", nameTh);
        Api.Reply r = api().post("/api/plans", city, MAPPER.writeValueAsString(plan));
        assertEquals(201, r.status(), r.raw());
        return r.body().get("plan").get("id").asText();
    }

    Api.Reply search(String token, String q, String more) {
        return api().get("/api/plans?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + more, token);
    }

    static List<String> ids(Api.Reply r) {
        assertEquals(200, r.status(), r.raw());
        List<String> ids = new ArrayList<>();
        r.body().get("items").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    @Test
    void findsTheEnglishCityNameWhateverTheCaseAndLatinAccents() throws Exception {
        String m = mark();
        String city = api().city("org-" + m);
        String accented = submit(city, "REF-" + m, "Phúket Ōld Town " + m, "เมืองเก่า " + m);
        String plain = submit(city, "REF2-" + m, "Phuket old town " + m, "ภูเก็ต " + m);
        String other = submit(city, "REF3-" + m, "Patong " + m, "ป่าตอง " + m);

        assertEquals(List.of(plain, accented), ids(search(office, "PHUKET OLD TOWN " + m.toUpperCase(), "")));
        assertEquals(List.of(plain, accented), ids(search(office, "phúkêt old town " + m, "")));
        assertEquals(List.of(other), ids(search(office, "atong " + m, "")), "a substring in the middle");
    }

    @Test
    void findsTheThaiCityNameAsWritten() throws Exception {
        String m = mark();
        String city = api().city("org-" + m);
        String phuket = submit(city, "R-" + m, "Phuket " + m, "นครภูเก็ต " + m);
        submit(city, "S-" + m, "Patong " + m, "ป่าตอง " + m);

        assertEquals(List.of(phuket), ids(search(office, "ภูเก็ต " + m, "")));
        assertEquals(List.of(), ids(search(office, "ภูเกต " + m, "")), "a Thai mark is part of the text, not an accent");
    }

    @Test
    void findsTheReferenceAndTheOrganisationId() throws Exception {
        String m = mark();
        String city = api().city("org-" + m);
        String a = submit(city, "PKT-2026-" + m, "A " + m, "ก " + m);
        String b = submit(api().city("muni-" + m), "KRT-2026-" + m, "B " + m, "ข " + m);

        assertEquals(List.of(a), ids(search(office, "pkt-2026-" + m, "")));
        assertEquals(List.of(b), ids(search(office, "MUNI-" + m, "")));
        assertEquals(List.of(b, a), ids(search(office, "2026-" + m, "")));
    }

    @Test
    void aPercentOrUnderscoreInTheTextMatchesOnlyItself() throws Exception {
        String m = mark();
        String city = api().city("org-" + m);
        String percent = submit(city, "100%" + m, "P " + m, "พ " + m);
        submit(city, "1000" + m, "Q " + m, "ค " + m);
        String underscore = submit(city, "A_" + m, "U " + m, "ย " + m);
        submit(city, "AB" + m, "V " + m, "ว " + m);
        String bang = submit(city, "X!%" + m, "W " + m, "ซ " + m);

        assertEquals(List.of(percent), ids(search(office, "0%" + m, "")));
        assertEquals(List.of(underscore), ids(search(office, "A_" + m, "")));
        assertEquals(List.of(bang), ids(search(office, "!%" + m, "")), "the escape character itself is literal too");
    }

    @Test
    void aCitySearchesOnlyItsOwnPlans() throws Exception {
        String m = mark();
        String mine = api().city("org-a-" + m);
        String theirs = api().city("org-b-" + m);
        String own = submit(mine, "R-" + m, "Shared name " + m, "ชื่อเดียวกัน " + m);
        String other = submit(theirs, "S-" + m, "Shared name " + m, "ชื่อเดียวกัน " + m);

        assertEquals(List.of(own), ids(search(mine, "shared name " + m, "")));
        assertEquals(List.of(other), ids(search(theirs, "ชื่อเดียวกัน " + m, "")));
        assertEquals(List.of(), ids(search(mine, "org-b-" + m, "")), "another organisation's id finds nothing");
        assertEquals(List.of(other, own), ids(search(office, "shared name " + m, "")));
    }

    @Test
    void theSearchCombinesWithTheOtherFiltersAndPaging() throws Exception {
        String m = mark();
        String city = api().city("org-" + m);
        String first = submit(city, "R1-" + m, "Town " + m, "เมือง " + m);
        String second = submit(city, "R2-" + m, "Town " + m, "เมือง " + m);
        submit(city, "R3-" + m, "Village " + m, "หมู่บ้าน " + m);

        Api.Reply page = search(office, "town " + m, "&limit=1&offset=1");
        assertEquals(List.of(first), ids(page));
        assertEquals(2, page.body().get("total").asInt());
        assertEquals(List.of(second, first), ids(search(office, "town " + m, "&kind=LIVABLE&province=Phuket")));
        assertEquals(List.of(), ids(search(office, "town " + m, "&kind=NEW")));
        assertEquals(List.of(), ids(search(office, "town " + m, "&province=Chiang%20Mai")));
    }

    @Test
    void aBlankTextDoesNotFilterAndTooLongATextIs422NamingQ() {
        Api.Reply blank = api().get("/api/plans?q=%20&limit=1", office);
        assertEquals(200, blank.status(), blank.raw());

        Api.Reply r = search(office, "ก".repeat(201), "");
        assertEquals(422, r.status(), r.raw());
        assertEquals("q", r.body().get("errors").get(0).get("field").asText());
        assertEquals(200, search(office, "ก".repeat(200), "").status());
    }

    /** Plans stored before V12 get their search text from the V12_1 backfill, as new rows get it from the DAO. */
    @Test
    void plansStoredBeforeTheSearchColumnAreFoundAfterTheMigration() throws Exception {
        DataSourceFactory db = new DataSourceFactory();
        db.setUrl(freshUrl());
        db.setUser(th.or.depa.smartcity.support.TestDatabases.user(db.getUrl()));
        Databases.prepare(db);
        Flyway.configure().dataSource(db.getUrl(), db.getUser(), db.getPassword()).locations("classpath:db/migration")
                .target("11").load().migrate();
        try (Connection c = DriverManager.getConnection(db.getUrl(), db.getUser(), db.getPassword());
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (id, name, role, created_at) VALUES ('u1', 'n', 'CITY', CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO plans (id, organisation, owner_id, reference, city, city_th, province, kind, "
                    + "revision, state, submitted_at, updated_at) VALUES ('p1', 'Org-X', 'u1', 'Réf-1', 'Phúket', "
                    + "'นครภูเก็ต', 'Phuket', 'LIVABLE', 1, 'SUBMITTED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }
        Databases.migrate(db);
        try (Connection c = DriverManager.getConnection(db.getUrl(), db.getUser(), db.getPassword());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT search_text FROM plans WHERE id = 'p1'")) {
            assertTrue(r.next());
            assertEquals(SearchText.of("Phúket", "นครภูเก็ต", "Réf-1", "Org-X"), r.getString(1));
            assertTrue(r.getString(1).contains("phuket") && r.getString(1).contains("ref-1")
                    && r.getString(1).contains("org-x") && r.getString(1).contains("นครภูเก็ต"), r.getString(1));
        }
    }

    /** A second, empty database of the same kind as this class's. */
    abstract String freshUrl();

}
