package th.or.depa.smartcity.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestRules;

/**
 * Rule sets that reviewers change, through HTTP, per database. The app watches its own copy of the rules folder
 * (polled every 200 ms); every test leaves the bundled rules in force again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RuleSetApiContract {

    static final ObjectMapper JSON = new ObjectMapper();

    abstract Api api();

    abstract Path rulesDir();

    String reviewer;
    String reviewer2;
    String office;
    String city;
    int bundled;

    @BeforeAll
    void users() {
        reviewer = api().token(Role.REVIEWER, null, null, false);
        reviewer2 = api().token(Role.REVIEWER, null, null, false);
        office = api().token(Role.OFFICE, null, null, false);
        city = api().city("org-" + UUID.randomUUID());
        bundled = inForce();
    }

    @AfterEach
    void bundledRulesBackInForce() throws Exception {
        Path params = rulesDir().resolve("parameters.csv");
        // written aside and moved in: the watcher must never read a half-written parameters file
        Path aside = params.resolveSibling("parameters.csv.tmp");
        Files.writeString(aside, Files.readString(TestRules.BUNDLED.resolve("parameters.csv")));
        Files.move(aside, params, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(rulesDir().resolve("criteria/SC-12-governance-or-people.drl"));
        Files.deleteIfExists(rulesDir().resolve("texts/sc12.en.properties"));
        Files.deleteIfExists(rulesDir().resolve("texts/sc12.th.properties"));
        Files.deleteIfExists(rulesDir().resolve("criteria/broken.drl"));
        if (inForce() != bundled) {
            waitFor(() -> inForce() == bundled || rollbackToBundled());
        }
    }

    boolean rollbackToBundled() {
        api().post("/api/rulesets/" + bundled + "/rollback", reviewer, "{}");
        return inForce() == bundled;
    }

    int inForce() {
        return api().get("/api/criteria", null).body().get("ruleSet").get("version").asInt();
    }

    Api.Reply propose(Map<String, String> files) {
        ObjectNode body = JSON.createObjectNode();
        body.set("files", JSON.valueToTree(files));
        body.put("note", "test proposal");
        return api().post("/api/rulesets", reviewer, body.toString());
    }

    static JsonNode criterion(JsonNode list, String id) {
        for (JsonNode c : list) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        return null;
    }

    static void waitFor(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.get()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(100);
        }
    }

    @Test
    void aProposalNeedsASecondReviewerAndThenChangesEvaluationsAndCanBeRolledBack() {
        Api.Reply proposed = propose(TestRules.withParameter("minDomains", "6"));
        assertEquals(201, proposed.status(), proposed.raw());
        int v = proposed.body().get("version").asInt();
        assertEquals("PROPOSED", proposed.body().get("status").asText());
        assertEquals(403, api().post("/api/rulesets", api().token(Role.ADMIN, null, null, false), "{}").status());

        Api.Reply own = api().post("/api/rulesets/" + v + "/activate", reviewer, "{}");
        assertEquals(409, own.status(), "four eyes: " + own.raw());
        Api.Reply activated = api().post("/api/rulesets/" + v + "/activate", reviewer2, "{}");
        assertEquals(200, activated.status(), activated.raw());
        assertEquals("ACTIVE", activated.body().get("status").asText());
        assertEquals(v, inForce());

        Api.Reply ev = api().post("/api/evaluate", city, Api.example("phuket-livable-pass"));
        assertEquals(v, ev.body().get("ruleSet").get("version").asInt());
        JsonNode sc03 = criterion(ev.body().get("criteria"), "SC-03");
        assertEquals("NOT_MET", sc03.get("status").asText());
        assertTrue(sc03.get("reason").get("en").asText().contains("at least 6"), sc03.toString());
        assertEquals(6, criterion(api().get("/api/criteria", null).body().get("criteria"), "SC-03")
                .get("thresholds").get("minDomains").asInt());

        JsonNode list = api().get("/api/rulesets", office).body().get("items");
        assertEquals("ACTIVE", list.get(0).get("status").asText());
        assertEquals("RETIRED", list.get(list.size() - 1 - (bundled - 1)).get("status").asText());
        assertEquals(409, api().post("/api/rulesets/" + v + "/activate", reviewer2, "{}").status(),
                "an ACTIVE version is not activated again");
        assertEquals(409, api().post("/api/rulesets/" + v + "/rollback", reviewer, "{}").status(),
                "only a RETIRED version is rolled back to");
        Api.Reply back = api().post("/api/rulesets/" + bundled + "/rollback",
                api().token(Role.ADMIN, null, null, false), "{}");
        assertEquals(200, back.status(), back.raw());
        assertEquals(bundled, inForce());
        assertEquals("RETIRED", api().get("/api/rulesets/" + v, reviewer).body().get("status").asText());
        assertEquals("MET", criterion(api().post("/api/evaluate", city, Api.example("phuket-livable-pass"))
                .body().get("criteria"), "SC-03").get("status").asText());
    }

    @Test
    void aRuleSetThatDoesNotCompileIsRefusedWithFileAndLineAndNothingIsStored() {
        int before = api().get("/api/rulesets", reviewer).body().get("items").size();
        Map<String, String> files = TestRules.withParameter("minDomains", "2");
        files.put("criteria/broken.drl", "package smartcity.criteria;\n\nrule \"broken\"\nwhen\n  Plan( \nthen\nend\n");
        Api.Reply r = propose(files);
        assertEquals(422, r.status(), r.raw());
        JsonNode error = r.body().get("errors").get(0);
        assertEquals("criteria/broken.drl", error.get("file").asText());
        assertTrue(error.get("line").asInt() > 0, error.toString());
        assertEquals(before, api().get("/api/rulesets", reviewer).body().get("items").size());
    }

    @Test
    void ruleFilesThatReachOutsideTheFactsAreRefusedWithFileAndLine() {
        Map<String, String> attacks = Map.of(
                "System.exit", "System.exit(1);",
                "a file write", "java.nio.file.Files.writeString(java.nio.file.Path.of(\"/tmp/pwned\"), \"x\");",
                "reflection", "$p.getClass().getClassLoader();",
                "a process", "new ProcessBuilder(\"sh\").start();");
        attacks.forEach((what, code) -> {
            Map<String, String> files = TestRules.withParameter("minDomains", "2");
            files.put("criteria/evil.drl", "package smartcity.criteria;\nimport th.or.depa.smartcity.facts.*;\n"
                    + "rule \"evil\"\nwhen\n  $p : Plan()\nthen\n  " + code + "\nend\n");
            Api.Reply r = propose(files);
            assertEquals(422, r.status(), what + ": " + r.raw());
            JsonNode error = r.body().get("errors").get(0);
            assertEquals("criteria/evil.drl", error.get("file").asText(), what);
            assertEquals(7, error.get("line").asInt(), what + ": " + error);
        });
        assertFalse(Files.exists(Path.of("/tmp/pwned")));
        assertEquals(200, api().post("/api/evaluate", city, Api.example("phuket-livable-pass")).status());
    }

    @Test
    void aRuleSetWhoseRuleTestsFailIsRefused() {
        Map<String, String> files = TestRules.withParameter("minDomains", "2");
        String sc02 = files.get("criteria/SC-02-target-area.drl");
        files.put("criteria/SC-02-target-area.drl", sc02.replace("areaKm2 > 0", "areaKm2 >= 0"));
        Api.Reply r = propose(files);
        assertEquals(422, r.status(), r.raw());
        assertTrue(r.raw().contains("rule test"), r.raw());
    }

    @Test
    void impactAnalysisCountsWhatACandidateWouldChange() {
        List<String> passing = List.of("phuket-livable-pass", "korat-new-city-pass", "few-datasets-warns-sca2");
        for (String ex : passing) {
            assertEquals(201, api().post("/api/plans", city, Api.example(ex)).status());
        }
        assertEquals(201, api().post("/api/plans", city, Api.example("minimal-fails-everything")).status());
        Api.Reply proposed = propose(TestRules.withParameter("minDomains", "4"));
        int v = proposed.body().get("version").asInt();
        Api.Reply impact = api().post("/api/rulesets/" + v + "/impact", reviewer, "{}");
        assertEquals(200, impact.status(), impact.raw());
        JsonNode body = impact.body();
        long plans = body.get("plans").asLong();
        assertTrue(plans >= 4);
        // phuket and few-datasets cover 3 domains and now fail; korat covers 4 and still passes
        assertTrue(body.get("outcomeChanged").get("passToFail").asLong() >= 2, body.toString());
        assertEquals(0, body.get("outcomeChanged").get("failToPass").asLong());
        assertTrue(body.get("byCriterion").get("SC-03").get("metToNotMet").asLong() >= 2);
        assertEquals(bundled, body.get("inForce").asInt());
        assertEquals(v, body.get("candidate").asInt());
        JsonNode changed = body.get("changedPlans").get(0);
        assertEquals("PASS", changed.get("before").asText());
        assertEquals("FAIL", changed.get("after").asText());
        assertTrue(body.get("neverFired").isArray());
    }

    @Test
    void aCandidateThatRunsAwayOnAStoredPlanIsRefusedByItsImpactAnalysisNamingTheFile() throws Exception {
        ObjectNode plan = (ObjectNode) JSON.readTree(Api.example("phuket-livable-pass"));
        ((ObjectNode) plan.get("city")).put("province", "Chiang Mai"); // no rule test judges a plan there
        assertEquals(201, api().post("/api/plans", city, plan.toString()).status());
        Map<String, String> files = new java.util.TreeMap<>(TestRules.withParameter("minDomains", "2"));
        files.put("criteria/spins-in-chiang-mai.drl", "package smartcity.criteria;\n"
                + "import th.or.depa.smartcity.facts.*;\n\nrule \"spins for Chiang Mai\"\nwhen\n"
                + "    $p : Plan( province == \"Chiang Mai\" )\nthen\n"
                + "    long n = 0;\n    while (n >= 0) { n = (n + 1) % 1000; }\nend\n");
        Api.Reply proposed = propose(files);
        assertTrue(proposed.status() / 100 == 2, "its rule tests pass: " + proposed.raw());

        Api.Reply impact = api().post("/api/rulesets/" + proposed.body().get("version").asInt() + "/impact",
                reviewer, "{}");

        assertEquals(422, impact.status(), impact.raw());
        assertTrue(impact.raw().contains("criteria/spins-in-chiang-mai.drl")
                && impact.raw().contains("rules.runTimeout"), impact.raw());
        assertEquals(200, api().get("/api/criteria", null).status(), "the service serves on");
    }

    @Test
    void impactAnalysisComparesWithTheRulesNowInForceNotThoseThatFirstJudgedAPlan() {
        // phuket covers 3 domains: PASS under the bundled minDomains 2, FAIL under 5
        assertEquals(201, api().post("/api/plans", city, Api.example("phuket-livable-pass")).status());
        Map<String, String> inForce = TestRules.withParameter("minDomains", "5");
        inForce.put("outcome.drl", inForce.get("outcome.drl") + "\n// put in force by the impact test\n");
        Api.Reply strict = propose(inForce);
        assertEquals(201, strict.status(), strict.raw());
        assertEquals(200, api().post("/api/rulesets/" + strict.body().get("version").asInt() + "/activate",
                reviewer2, "{}").status());
        // a candidate that decides exactly as the rules now in force: other files, same judgement
        Map<String, String> same = TestRules.withParameter("minDomains", "5");
        same.put("outcome.drl", same.get("outcome.drl") + "\n// the same rules, reworded\n");
        Api.Reply proposed = propose(same);
        assertEquals(201, proposed.status(), proposed.raw());
        int candidate = proposed.body().get("version").asInt();
        JsonNode body = api().post("/api/rulesets/" + candidate + "/impact", reviewer, "{}").body();
        // the stored evaluations were made by other rules: reusing them as "before" would report phuket PASS → FAIL
        assertEquals(0, body.get("changedPlansTotal").asLong(), body.toString());
        assertEquals(0, body.get("outcomeChanged").get("passToFail").asLong(), body.toString());
    }

    @Test
    void anEditOfTheWatchedFolderIsPutInForceAndTheReasonFollows() throws Exception {
        Path params = rulesDir().resolve("parameters.csv");
        TestRules.write(params, TestRules.setParameter(Files.readString(params), "minDomains", "3"));
        waitFor(() -> inForce() != bundled);
        JsonNode sc03 = criterion(api().post("/api/evaluate", city, Api.example("one-domain-fails-sc03"))
                .body().get("criteria"), "SC-03");
        assertTrue(sc03.get("reason").get("en").asText().contains("at least 3"), sc03.toString());
        JsonNode status = api().get("/api/rulesets/status", reviewer).body();
        assertTrue(status.get("lastReload").get("ok").asBoolean(), status.toString());
    }

    @Test
    void aNewCriterionFileAppearsAndDeletingItRetiresIt() throws Exception {
        Path sc12 = rulesDir().resolve("criteria/SC-12-governance-or-people.drl");
        // its words first: a criterion without a title is refused
        TestRules.write(rulesDir().resolve("texts/sc12.en.properties"), """
                SC-12.title = Governance or people
                SC-12.MET = A Smart Governance or Smart People domain is covered.
                SC-12.WARNING = Neither Smart Governance nor Smart People is covered.
                """);
        TestRules.write(rulesDir().resolve("texts/sc12.th.properties"), """
                SC-12.title = ธรรมาภิบาลหรือพลเมือง
                SC-12.MET = มีด้านการบริหารภาครัฐอัจฉริยะหรือพลเมืองอัจฉริยะ
                SC-12.WARNING = ไม่มีด้านการบริหารภาครัฐอัจฉริยะหรือพลเมืองอัจฉริยะ
                """);
        TestRules.write(sc12, """
                // SC-12 Governance or people / ธรรมาภิบาลหรือพลเมือง — advisory (a reviewer's addition)
                package smartcity.criteria;
                import th.or.depa.smartcity.facts.*;
                import java.util.Map;

                rule "SC-12 is an advisory criterion"
                when
                then
                    insert(Criterion.advisory("SC-12"));
                end

                rule "SC-12 is met when a GOVERNANCE or PEOPLE domain has services"
                when
                    Plan()
                    exists Domain( name == "GOVERNANCE" || name == "PEOPLE", services > 0 )
                then
                    insert(Finding.met("SC-12", Map.of()));
                end

                rule "SC-12 warns when neither GOVERNANCE nor PEOPLE has services"
                when
                    Plan()
                    not Domain( name == "GOVERNANCE" || name == "PEOPLE", services > 0 )
                then
                    insert(Finding.warning("SC-12", Map.of()));
                end
                """);
        waitFor(() -> criterion(api().get("/api/criteria", null).body().get("criteria"), "SC-12") != null);
        JsonNode ev = api().post("/api/evaluate", city, Api.example("phuket-livable-pass")).body();
        assertEquals("WARNING", criterion(ev.get("criteria"), "SC-12").get("status").asText());
        assertEquals(16, ev.get("criteria").size());
        Files.delete(sc12);
        waitFor(() -> criterion(api().get("/api/criteria", null).body().get("criteria"), "SC-12") == null);
        assertEquals(15, api().post("/api/evaluate", city, Api.example("phuket-livable-pass")).body()
                .get("criteria").size());
    }

    @Test
    void aBrokenEditIsRefusedAndTheRulesInForceKeepServing() throws Exception {
        TestRules.write(rulesDir().resolve("criteria/broken.drl"),
                "package smartcity.criteria;\nrule \"x\"\nwhen\n  Plan( \nthen\nend\n");
        // a reload refused earlier (another test's edit) must not pass for this one
        waitFor(() -> {
            JsonNode r = api().get("/api/rulesets/status", reviewer).body().get("lastReload");
            return r != null && !r.get("ok").asBoolean() && r.get("errors").toString().contains("criteria/broken.drl");
        });
        JsonNode errors = api().get("/api/rulesets/status", reviewer).body().get("lastReload").get("errors");
        assertEquals("criteria/broken.drl", errors.get(0).get("file").asText());
        assertEquals(bundled, inForce());
        assertEquals(200, api().post("/api/evaluate", city, Api.example("phuket-livable-pass")).status());
    }

    @Test
    void evaluationsDuringActivationsAndRollbacksAllSucceed() throws Exception {
        Api.Reply proposed = propose(TestRules.withParameter("minGoals", "2"));
        int v = proposed.body().get("version").asInt();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            results.add(pool.submit(() -> api().post("/api/evaluate", city, Api.example("korat-new-city-pass")).status()));
        }
        assertEquals(200, api().post("/api/rulesets/" + v + "/activate", reviewer2, "{}").status());
        assertEquals(200, api().post("/api/rulesets/" + bundled + "/rollback", reviewer, "{}").status());
        for (Future<Integer> f : results) {
            assertEquals(200, f.get());
        }
        pool.shutdown();
    }

    @Test
    void forwardReEvaluatesUnderNewRulesAndAPlanThatNowFailsBecomesNotEligible() {
        String id = api().post("/api/plans", city, Api.example("phuket-livable-pass")).body().get("plan").get("id").asText();
        int v = propose(TestRules.withParameter("minDomains", "5")).body().get("version").asInt();
        assertEquals(200, api().post("/api/rulesets/" + v + "/activate", reviewer2, "{}").status());
        Api.Reply forward = api().post("/api/plans/" + id + "/actions", office, "{\"action\":\"FORWARD\"}");
        assertEquals(409, forward.status(), forward.raw());
        JsonNode plan = api().get("/api/plans/" + id, office).body();
        assertEquals("NOT_ELIGIBLE", plan.get("plan").get("state").asText());
        assertEquals(v, plan.get("evaluation").get("ruleSet").get("version").asInt());
        assertEquals(2, api().get("/api/plans/" + id + "/evaluations", office).body().get("items").size());
        assertFalse(api().get("/api/plans/" + id + "/history", office).body().get("items").isEmpty());
    }
}
