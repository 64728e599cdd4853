package th.or.depa.smartcity.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.evaluation.Verdict;
import th.or.depa.smartcity.store.CriterionStatuses;
import th.or.depa.smartcity.store.Databases;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestRules;

/**
 * evaluations.criterion_statuses (V15), per database: every path that stores an evaluation (a submission through
 * the group commit, a revision, a FORWARD's re-evaluation under a new rule set) writes it, equal in ids, order and
 * statuses to the criteria of the evaluation document beside it; rows stored before V15 get it from the migration.
 */
abstract class CriterionStatusesContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactory();

    abstract DropwizardAppExtension<SmartCityConfiguration> app();

    /** A second, empty database of the same kind as this class's. */
    abstract String freshUrl();

    Api api() {
        return new Api(app());
    }

    /** A stored evaluation's outcome column, its statuses column and its document. */
    record Stored(String outcome, String statuses, String result, int ruleSetVersion) {
    }

    List<Stored> stored(String planId) {
        return api().jdbi().withHandle(h -> h.createQuery("SELECT outcome, criterion_statuses, result, "
                        + "rule_set_version FROM evaluations WHERE plan_id = :id ORDER BY evaluated_at, id")
                .bind("id", planId)
                .map((rs, ctx) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
                .list());
    }

    static void assertStatusesAsInTheDocument(Stored s) {
        assertNotNull(s.statuses(), "criterion_statuses is written with the evaluation");
        Verdict document = Verdict.ofStored(FACTORY, s.result());
        Map<String, String> column = CriterionStatuses.read(s.statuses());
        assertEquals(new ArrayList<>(document.statuses().entrySet()), new ArrayList<>(column.entrySet()),
                "the same criteria, in the same order, with the same statuses");
        assertEquals(document.outcome(), s.outcome());
        assertTrue(column.size() >= 10, column.toString());
    }

    @Test
    void aSubmissionARevisionAndAReEvaluationEachStoreTheStatusesOfTheirDocument() throws Exception {
        String city = api().city("statuses-" + UUID.randomUUID());
        String office = api().token(Role.OFFICE, null, null, false);
        Api.Reply submitted = api().post("/api/plans", city, Api.example("phuket-livable-pass"));
        assertEquals(201, submitted.status(), submitted.raw());
        String id = submitted.body().get("plan").get("id").asText();

        Api.Reply asked = api().post("/api/plans/" + id + "/actions", office,
                "{\"action\":\"REQUEST_REVISION\",\"comment\":\"more data sets\"}");
        assertEquals(200, asked.status(), asked.raw());
        ObjectNode revision = (ObjectNode) JSON.readTree(Api.example("few-datasets-warns-sca2"));
        Api.Reply revised = api().reply(api().request("/api/plans/" + id, city)
                .put(jakarta.ws.rs.client.Entity.json(JSON.writeValueAsString(revision))));
        assertEquals(200, revised.status(), revised.raw());

        // a FORWARD under a rule set other than the one that judged the plan evaluates it again and stores that
        String reviewer = api().token(Role.REVIEWER, null, null, false);
        String reviewer2 = api().token(Role.REVIEWER, null, null, false);
        ObjectNode body = JSON.createObjectNode();
        Map<String, String> files = TestRules.withParameter("minDomains", "2");
        files.put("parameters.csv", files.get("parameters.csv") + "# the same thresholds, another rule set\n");
        body.set("files", JSON.valueToTree(files));
        body.put("note", "criterion statuses test");
        Api.Reply proposed = api().post("/api/rulesets", reviewer, body.toString());
        assertEquals(201, proposed.status(), proposed.raw());
        int version = proposed.body().get("version").asInt();
        Api.Reply activated = api().post("/api/rulesets/" + version + "/activate", reviewer2, "{}");
        assertEquals(200, activated.status(), activated.raw());
        Api.Reply forwarded = api().post("/api/plans/" + id + "/actions", office, "{\"action\":\"FORWARD\"}");
        assertEquals(200, forwarded.status(), forwarded.raw());

        List<Stored> all = stored(id);
        assertEquals(3, all.size(), "submission, revision, re-evaluation");
        assertEquals(version, all.get(2).ruleSetVersion(), "the third is the re-evaluation under the new rules");
        assertEquals("MET", CriterionStatuses.read(all.get(0).statuses()).get("SC-A2"));
        assertEquals("WARNING", CriterionStatuses.read(all.get(1).statuses()).get("SC-A2"), "the revision's own");
        all.forEach(CriterionStatusesContract::assertStatusesAsInTheDocument);
    }

    /** Evaluations stored before V15 get the column from the migration, read out of their document. */
    @Test
    void evaluationsStoredBeforeTheColumnGetItFromTheMigration() throws Exception {
        DataSourceFactory db = new DataSourceFactory();
        db.setUrl(freshUrl());
        db.setUser(th.or.depa.smartcity.support.TestDatabases.user(db.getUrl()));
        Databases.prepare(db);
        Flyway.configure().dataSource(db.getUrl(), db.getUser(), db.getPassword()).locations("classpath:db/migration")
                .target("14").load().migrate();
        // a document as the service stores it: the app's own evaluation of a plan
        String id = api().post("/api/plans", api().city("pre-v15-" + UUID.randomUUID()),
                Api.example("few-datasets-warns-sca2")).body().get("plan").get("id").asText();
        Stored template = stored(id).get(0);
        int rows = 1001; // more than one of the migration's batches
        try (Connection c = DriverManager.getConnection(db.getUrl(), db.getUser(), db.getPassword());
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (id, name, role, created_at) VALUES ('u1', 'n', 'CITY', CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO plans (id, organisation, owner_id, city, province, kind, revision, state, "
                    + "submitted_at, updated_at) VALUES ('p1', 'o', 'u1', 'c', 'Phuket', 'LIVABLE', 1, 'SCREENING', "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            try (PreparedStatement e = c.prepareStatement("INSERT INTO evaluations (id, plan_id, revision, "
                    + "rule_set_version, rule_set_sha256, outcome, result, evaluated_at) VALUES (?, 'p1', 1, 1, 'x', "
                    + "?, ?, CURRENT_TIMESTAMP)")) {
                for (int i = 0; i < rows; i++) {
                    e.setString(1, String.format("e%05d", i));
                    e.setString(2, template.outcome());
                    e.setString(3, template.result());
                    e.addBatch();
                }
                e.executeBatch();
            }
        }
        Databases.migrate(db);
        Map<String, String> wanted = new LinkedHashMap<>(Verdict.ofStored(FACTORY, template.result()).statuses());
        try (Connection c = DriverManager.getConnection(db.getUrl(), db.getUser(), db.getPassword());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT outcome, criterion_statuses, result, rule_set_version "
                     + "FROM evaluations ORDER BY id")) {
            int n = 0;
            while (r.next()) {
                Stored migrated = new Stored(r.getString(1), r.getString(2), r.getString(3), r.getInt(4));
                assertStatusesAsInTheDocument(migrated);
                assertEquals(wanted, CriterionStatuses.read(migrated.statuses()));
                n++;
            }
            assertEquals(rows, n);
        }
    }
}
