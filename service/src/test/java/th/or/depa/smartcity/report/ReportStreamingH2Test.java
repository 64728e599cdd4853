package th.or.depa.smartcity.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestApps;
import th.or.depa.smartcity.support.TestDatabases;

/**
 * A year of decisions: 10,000 plans (copies of one submitted plan, one every 52 minutes of 2025) come out of the
 * CSV and JSON reports complete, in order, and streamed (chunked, no Content-Length: never built whole).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportStreamingH2Test {

    static final int PLANS = 10_000;
    static final String URL = TestDatabases.freshH2();
    static final DropwizardAppExtension<SmartCityConfiguration> APP = TestApps.on(URL);

    final Api api = new Api(APP);
    String office;

    @BeforeAll
    void aYearOfPlans() {
        office = api.token(Role.OFFICE, null, null, false);
        Api.Reply first = api.post("/api/plans", api.city("org-year", "Nakhon Ratchasima"), Api.example("korat-new-city-pass"));
        assertEquals(201, first.status(), first.raw());
        String id = first.body().get("plan").get("id").asText();
        api.jdbi().useTransaction(h -> {
            Map<String, Object> plan = h.createQuery("SELECT * FROM plans WHERE id = :id").bind("id", id).mapToMap().one();
            String content = h.createQuery("SELECT content FROM plan_revisions WHERE plan_id = :id").bind("id", id)
                    .mapTo(String.class).one();
            String result = h.createQuery("SELECT result FROM evaluations WHERE plan_id = :id").bind("id", id)
                    .mapTo(String.class).one();
            PreparedBatch plans = h.prepareBatch("INSERT INTO plans (id, organisation, owner_id, reference, city, "
                    + "city_th, province, kind, revision, state, outcome, latest_evaluation_id, submitted_at, updated_at) "
                    + "VALUES (:id, 'org-year', :owner, 'Y', :city, :cityTh, :province, 'NEW', 1, :state, 'PASS', :ev, "
                    + ":at, :at)");
            PreparedBatch revisions = h.prepareBatch("INSERT INTO plan_revisions (plan_id, revision, content, created_at) "
                    + "VALUES (:id, 1, :content, :at)");
            PreparedBatch evaluations = h.prepareBatch("INSERT INTO evaluations (id, plan_id, revision, rule_set_version, "
                    + "rule_set_sha256, outcome, result, evaluated_at) VALUES (:ev, :id, 1, 1, 'x', 'PASS', :result, :at)");
            Instant start = Instant.parse("2025-01-01T00:00:00Z");
            for (int i = 1; i < PLANS; i++) {
                String pid = UUID.randomUUID().toString();
                String ev = UUID.randomUUID().toString();
                Instant at = start.plus(52L * i, ChronoUnit.MINUTES);
                plans.bind("id", pid).bind("owner", plan.get("owner_id")).bind("city", "City " + i)
                        .bind("cityTh", "เมือง " + i).bind("province", i % 2 == 0 ? "Phuket" : "Nakhon Ratchasima")
                        .bind("state", i % 3 == 0 ? "SCREENING" : "CERTIFIED").bind("ev", ev).bind("at", at).add();
                revisions.bind("id", pid).bind("content", content).bind("at", at).add();
                evaluations.bind("ev", ev).bind("id", pid).bind("result", result).bind("at", at).add();
            }
            plans.execute();
            revisions.execute();
            evaluations.execute();
        });
    }

    @Test
    void theCsvOfTenThousandPlansIsStreamedCompleteAndInOrder() throws Exception {
        Response r = api.request("/api/reports/decisions?format=csv", office).get();
        assertEquals(200, r.getStatus());
        assertNull(r.getHeaderString("Content-Length"), "streamed in chunks, not built whole");
        String text;
        try (InputStream in = r.readEntity(InputStream.class)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).substring(1);
        }
        List<List<String>> rows = CsvReader.parse(text);
        assertEquals(PLANS + 1, rows.size());
        Set<String> ids = new HashSet<>();
        Instant previous = Instant.MAX;
        for (List<String> row : rows.subList(1, rows.size())) {
            ids.add(row.get(0));
            Instant updated = Instant.parse(row.get(12));
            assertEquals(true, !updated.isAfter(previous), "newest first");
            previous = updated;
        }
        assertEquals(PLANS, ids.size(), "each plan once");
        assertEquals("เมือง 1", rows.get(rows.size() - 1).get(3));
    }

    @Test
    void theJsonOfTheYearHasEveryPlanAndTheTotals() throws Exception {
        Response r = api.request("/api/reports/decisions?from=2025-01-01&to=2025-12-31", office).get();
        assertEquals(200, r.getStatus());
        assertNull(r.getHeaderString("Content-Length"), "streamed in chunks, not built whole");
        JsonNode body;
        try (InputStream in = r.readEntity(InputStream.class)) {
            body = new ObjectMapper().readTree(in);
        }
        int inYear = body.get("plans").size();
        JsonNode totals = body.get("totals");
        assertEquals(inYear, totals.get("plans").asInt());
        assertEquals(PLANS - 1, inYear, "every copy (one every 52 minutes of 2025), not the plan submitted today");
        assertEquals(inYear, totals.get("byDomain").get("ECONOMY").asInt());
        assertEquals(inYear, totals.get("byProvince").get("Phuket").asInt()
                + totals.get("byProvince").get("Nakhon Ratchasima").asInt());
    }
}
