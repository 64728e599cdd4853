package th.or.depa.smartcity.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.auth.UserService;
import th.or.depa.smartcity.cli.ProposeCommand;
import th.or.depa.smartcity.cli.VerifyRecordCommand;
import th.or.depa.smartcity.engine.CompileResult;
import th.or.depa.smartcity.engine.CompiledRuleSet;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.engine.RuleSetCompiler;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.evaluation.PlanEvaluator;
import th.or.depa.smartcity.plan.Plan;
import th.or.depa.smartcity.store.PlanDao;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestRules;

/**
 * Rule sets that reviewers change, through HTTP, per database. The app watches its own copy of the rules folder
 * (polled every 200 ms), which only proposes; every test leaves the bundled rules in force again.
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

    /** At most a minute: the watcher may still be checking an earlier folder in a worker on a busy machine. */
    static void waitFor(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.get()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 60 s");
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
        assertTrue(own.body().get("reason").get("en").asText().contains("second reviewer"), own.raw());
        assertTrue(own.body().get("reason").get("th").asText().matches(".*[\u0E00-\u0E7F].*"), "Thai: " + own.raw());
        assertEquals(own.body().get("reason").get("en").asText(), own.body().get("message").asText());
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
            assertEquals(201, api().post("/api/plans", city, Api.example(ex, Api.DEFAULT_PROVINCE)).status());
        }
        assertEquals(201, api().post("/api/plans", city, Api.example("minimal-fails-everything", Api.DEFAULT_PROVINCE))
                .status());
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
        String chiangMai = api().city("org-" + java.util.UUID.randomUUID(), "Chiang Mai");
        assertEquals(201, api().post("/api/plans", chiangMai, plan.toString()).status());
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
    void anImpactReportOnAThresholdIsWhatFullEvaluationsUnderBothRuleSetsSay() {
        submitExamples("Phuket");
        Map<String, String> files = TestRules.withParameter("minDomains", "4");
        // content of its own: the other impact tests propose minDomains 4 as well, and a version is stored once
        files.put("parameters.csv", files.get("parameters.csv") + "# impact against full evaluations\n");
        assertImpactAsFullEvaluations(files);
    }

    @Test
    void anImpactReportOnRuleFilesIsWhatFullEvaluationsUnderBothRuleSetsSay() {
        submitExamples("Songkhla");
        submitExamples("Phuket");
        // SC-02 (mandatory) and SC-A4 (advisory) decided otherwise in Songkhla, where no rule test judges a plan
        Map<String, String> files = TestRules.withParameter("minDomains", "2");
        files.put("criteria/SC-02-target-area.drl", files.get("criteria/SC-02-target-area.drl")
                .replace("population > 0 )", "population > 0 && province != \"Songkhla\" )")
                .replace("population > 0) )", "population > 0) || province == \"Songkhla\" )"));
        files.put("criteria/SC-A4-participation-reach.drl", files.get("criteria/SC-A4-participation-reach.drl")
                .replace("participants >= $min,", "participants >= $min && province != \"Songkhla\",")
                .replace("participants < $min )", "participants < $min || province == \"Songkhla\" )"));
        JsonNode report = assertImpactAsFullEvaluations(files);
        assertTrue(report.get("byCriterion").has("SC-02") && report.get("byCriterion").has("SC-A4"), report.toString());
        assertTrue(report.get("outcomeChanged").get("passToFail").asLong() >= 3, report.toString());
    }

    @Test
    void aCandidateThatBreaksTheContractOnAStoredPlanIsRefusedByItsImpactAnalysis() {
        String yala = api().city("org-" + UUID.randomUUID(), "Yala");
        assertEquals(201, api().post("/api/plans", yala, Api.example("phuket-livable-pass", "Yala")).status());
        Map<String, String> files = new java.util.TreeMap<>(TestRules.withParameter("minDomains", "2"));
        files.put("criteria/twice-in-yala.drl", "package smartcity.criteria;\nimport th.or.depa.smartcity.facts.*;\n"
                + "import java.util.Map;\n\nrule \"SC-01 again in Yala\"\nwhen\n    Plan( province == \"Yala\" )\n"
                + "then\n    insert(Finding.met(\"SC-01\", Map.of()));\nend\n");
        Api.Reply proposed = propose(files);
        assertEquals(201, proposed.status(), "its rule tests pass: " + proposed.raw());

        Api.Reply impact = api().post("/api/rulesets/" + proposed.body().get("version").asInt() + "/impact",
                reviewer, "{}");

        assertEquals(422, impact.status(), impact.raw());
        assertTrue(impact.raw().contains("SC-01 gave more than one result"), impact.raw());
    }

    /** Each passing and failing example, for a city of the province. */
    private void submitExamples(String province) {
        String token = api().city("org-" + UUID.randomUUID(), province);
        for (String ex : List.of("phuket-livable-pass", "korat-new-city-pass", "few-datasets-warns-sca2",
                "minimal-fails-everything", "one-domain-fails-sc03")) {
            Api.Reply r = api().post("/api/plans", token, Api.example(ex, province));
            assertEquals(201, r.status(), r.raw());
        }
    }

    /**
     * The candidate's impact report through the API, checked against the slow way that no fast path touches: every
     * stored plan's latest content evaluated in full under the rules in force and under the candidate, here.
     */
    private JsonNode assertImpactAsFullEvaluations(Map<String, String> candidate) {
        CompiledRuleSet inForceRules = compiled(RuleFiles.readFolder(TestRules.BUNDLED).files());
        assertEquals(inForceRules.sha256(),
                api().get("/api/criteria", null).body().get("ruleSet").get("sha256").asText());
        CompiledRuleSet candidateRules = compiled(candidate);
        Api.Reply proposed = propose(candidate);
        assertEquals(201, proposed.status(), proposed.raw());
        Api.Reply impact = api().post("/api/rulesets/" + proposed.body().get("version").asInt() + "/impact",
                reviewer, "{}");
        assertEquals(200, impact.status(), impact.raw());

        PlanEvaluator full = new PlanEvaluator(Clock.systemUTC());
        Map<String, Long> outcomes = new java.util.TreeMap<>(Map.of("passToFail", 0L, "failToPass", 0L));
        Map<String, Map<String, Long>> byCriterion = new java.util.TreeMap<>();
        java.util.Set<String> changed = new java.util.TreeSet<>();
        List<PlanDao.LatestRevision> stored = api().jdbi().onDemand(PlanDao.class).latestRevisions("", 100_000);
        for (PlanDao.LatestRevision r : stored) {
            Plan plan = readPlan(r.content());
            Evaluation was = full.evaluate(inForceRules, bundled, plan);
            Evaluation is = full.evaluate(candidateRules, 0, plan);
            if (!was.outcome().equals(is.outcome())) {
                outcomes.merge("PASS".equals(was.outcome()) ? "passToFail" : "failToPass", 1L, Long::sum);
                changed.add(r.id());
            }
            for (Evaluation.CriterionResult c : was.criteria()) {
                String after = is.criteria().stream().filter(d -> d.id().equals(c.id())).findFirst().orElseThrow()
                        .status();
                if (!after.equals(c.status())) {
                    byCriterion.computeIfAbsent(c.id(), k -> new java.util.TreeMap<>())
                            .merge(ImpactAnalysis.key(c.status(), after), 1L, Long::sum);
                    changed.add(r.id());
                }
            }
        }
        JsonNode report = impact.body();
        assertEquals(stored.size(), report.get("plans").asLong(), report.toString());
        assertEquals(outcomes, JSON.convertValue(report.get("outcomeChanged"),
                new com.fasterxml.jackson.core.type.TypeReference<java.util.TreeMap<String, Long>>() { }),
                report.toString());
        assertEquals(byCriterion, JSON.convertValue(report.get("byCriterion"),
                new com.fasterxml.jackson.core.type.TypeReference<java.util.TreeMap<String,
                        java.util.TreeMap<String, Long>>>() { }), report.toString());
        assertEquals(changed.size(), report.get("changedPlansTotal").asLong(), report.toString());
        java.util.Set<String> listed = new java.util.TreeSet<>();
        report.get("changedPlans").forEach(c -> listed.add(c.get("id").asText()));
        assertEquals(changed, listed);
        assertTrue(changed.size() >= 2, "the candidate changes some plans, or this test proves little: " + report);
        return report;
    }

    private static CompiledRuleSet compiled(Map<String, String> files) {
        CompileResult r = new RuleSetCompiler().compile(new RuleFiles(files));
        assertTrue(r.isOk(), () -> "does not compile: " + r.errors());
        return r.ruleSet();
    }

    private static Plan readPlan(byte[] content) {
        try {
            return io.dropwizard.jackson.Jackson.newObjectMapper().readValue(content, Plan.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Edits parameters.csv in place, with a comment that makes the content new to this database. */
    String editParameter(String name, String value) {
        Path params = rulesDir().resolve("parameters.csv");
        TestRules.write(params, TestRules.setParameter(TestRules.read(params), name, value)
                + "# edited by a test: " + UUID.randomUUID() + "\n");
        return RuleFiles.readFolder(rulesDir()).sha256();
    }

    /** The status's last reload once it is about the folder with this sha256 (stored, matched or refused). */
    JsonNode reloadOf(String sha256) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000; // a worker check on a busy 2-core machine
        while (true) {
            JsonNode r = api().get("/api/rulesets/status", reviewer).body().get("lastReload");
            if (r != null && sha256.equals(r.path("sha256").asText())) {
                return r;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the folder " + sha256 + " was not reported within 60 s: " + r);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aFolderEditIsOnlyProposedAndChangesNoDecisionUntilAReviewerActivatesIt() throws Exception {
        // phuket covers 3 domains: PASS with minDomains 2, FAIL with 4
        Api.Reply before = api().post("/api/plans", city, Api.example("phuket-livable-pass"));
        assertEquals("PASS", before.body().get("evaluation").get("outcome").asText(), before.raw());
        long editedAt = System.currentTimeMillis();
        JsonNode reload = reloadOf(editParameter("minDomains", "4"));
        System.out.println("folder edit stored as a proposal after " + (System.currentTimeMillis() - editedAt) + " ms");
        assertTrue(reload.get("stored").asBoolean(), reload.toString());
        int v = reload.get("version").asInt();
        JsonNode version = api().get("/api/rulesets/" + v, office).body();
        assertEquals("PROPOSED", version.get("status").asText());
        assertEquals(RuleSets.FOLDER, version.get("proposedBy").asText());
        assertTrue(version.get("activatedBy").isNull());
        assertTrue(version.get("tests").get("cases").asInt() > 100
                && version.get("tests").get("passed").asInt() == version.get("tests").get("cases").asInt(), version.get("tests").toString());

        assertEquals(bundled, inForce(), "a folder edit never goes in force by itself");
        Api.Reply evaluated = api().post("/api/evaluate", city, Api.example("phuket-livable-pass"));
        assertEquals("PASS", evaluated.body().get("outcome").asText(), evaluated.raw());
        assertEquals(bundled, evaluated.body().get("ruleSet").get("version").asInt());
        Api.Reply submitted = api().post("/api/plans", city, Api.example("phuket-livable-pass"));
        assertEquals("PASS", submitted.body().get("evaluation").get("outcome").asText(), submitted.raw());

        // no person proposed it: any reviewer may activate it
        Api.Reply activated = api().post("/api/rulesets/" + v + "/activate", reviewer, "{}");
        assertEquals(200, activated.status(), activated.raw());
        JsonNode after = api().post("/api/evaluate", city, Api.example("phuket-livable-pass")).body();
        assertEquals("FAIL", after.get("outcome").asText(), after.toString());
        assertEquals(v, after.get("ruleSet").get("version").asInt());
        assertTrue(criterion(after.get("criteria"), "SC-03").get("reason").get("en").asText().contains("at least 4"));
    }

    @Test
    void checkingOutAnOlderParametersFileDoesNotReplaceTheActivatedVersion() throws Exception {
        int v = reloadOf(editParameter("minDomains", "3")).get("version").asInt();
        assertEquals(200, api().post("/api/rulesets/" + v + "/activate", reviewer2, "{}").status());
        assertEquals(v, inForce());

        // git checkout rules/parameters.csv: the bundled content again, which is stored (now RETIRED) as `bundled`
        Path params = rulesDir().resolve("parameters.csv");
        Path aside = params.resolveSibling("parameters.csv.tmp");
        Files.writeString(aside, Files.readString(TestRules.BUNDLED.resolve("parameters.csv")));
        Files.move(aside, params, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        JsonNode reload = reloadOf(RuleFiles.readFolder(rulesDir()).sha256());

        assertFalse(reload.get("stored").asBoolean(), reload.toString());
        assertEquals(bundled, reload.get("matches").asInt(), "the status names the stored version it matches");
        Thread.sleep(1_000); // a few more looks of the watcher
        assertEquals(v, inForce(), "the version a reviewer activated stays in force");
        assertEquals("RETIRED", api().get("/api/rulesets/" + bundled, reviewer).body().get("status").asText());
    }

    @Test
    void aNewCriterionFileIsProposedAndAppearsOnceActivated() throws Exception {
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
        JsonNode reload = reloadOf(RuleFiles.readFolder(rulesDir()).sha256());
        assertTrue(reload.get("stored").asBoolean(), reload.toString());
        assertNull(criterion(api().get("/api/criteria", null).body().get("criteria"), "SC-12"));
        assertEquals(200, api().post("/api/rulesets/" + reload.get("version").asInt() + "/activate", reviewer2, "{}")
                .status());
        JsonNode ev = api().post("/api/evaluate", city, Api.example("phuket-livable-pass")).body();
        assertEquals("WARNING", criterion(ev.get("criteria"), "SC-12").get("status").asText());
        assertEquals(16, ev.get("criteria").size());
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

    String named(String name) {
        return new UserService(api().jdbi(), api().recordKey(), Clock.systemUTC())
                .create(name, Role.REVIEWER, null, null, false).token();
    }

    Api.Reply proposeJson(String token, String json) {
        return api().post("/api/rulesets", token, json);
    }

    @Test
    void eachVersionSaysWhoProposedActivatedAndRolledBackAndTheRecordHoldsIt() {
        String somchai = named("Reviewer Somchai");
        String malee = named("Reviewer Malee");
        ObjectNode body = JSON.createObjectNode();
        body.set("files", JSON.valueToTree(TestRules.withParameter("minParticipants", "150")));
        body.put("note", "more people at the hearings");
        Api.Reply proposed = proposeJson(somchai, body.toString());
        assertEquals(201, proposed.status(), proposed.raw());
        int v = proposed.body().get("version").asInt();
        assertEquals(200, api().post("/api/rulesets/" + v + "/activate", malee, "{}").status());
        assertEquals(200, api().post("/api/rulesets/" + bundled + "/rollback", somchai, "{}").status());

        JsonNode version = api().get("/api/rulesets/" + v, office).body();
        assertEquals("Reviewer Somchai", version.get("proposedBy").asText());
        assertEquals("more people at the hearings", version.get("note").asText());
        assertEquals("Reviewer Malee", version.get("activatedBy").asText());
        assertEquals("RETIRED", version.get("status").asText());
        Instant proposedAt = Instant.parse(version.get("proposedAt").asText());
        Instant activatedAt = Instant.parse(version.get("activatedAt").asText());
        Instant retiredAt = Instant.parse(version.get("retiredAt").asText());
        assertTrue(!proposedAt.isAfter(activatedAt) && !activatedAt.isAfter(retiredAt), version.toString());
        JsonNode tests = version.get("tests");
        assertTrue(tests.get("files").asInt() >= 19 && tests.get("cases").asInt() >= 150, tests.toString());
        assertEquals(tests.get("cases").asInt(), tests.get("passed").asInt());
        JsonNode back = api().get("/api/rulesets", office).body().get("items");
        JsonNode first = null;
        for (JsonNode item : back) {
            if (item.get("version").asInt() == bundled) {
                first = item;
            }
        }
        assertEquals("ACTIVE", first.get("status").asText());
        assertEquals("Reviewer Somchai", first.get("rolledBackBy").asText());
        assertEquals(retiredAt, Instant.parse(first.get("rolledBackAt").asText()));

        JsonNode record = api().get("/api/users/record", office).body();
        assertTrue(record.get("chainVerified").asBoolean(), record.toString());
        List<String> events = new ArrayList<>();
        record.get("items").forEach(e -> {
            if (e.get("user").asText().equals("ruleset:" + v)) {
                events.add(e.get("type").asText() + " by " + e.get("actor").asText());
            }
        });
        assertEquals(List.of("RULESET_PROPOSED by Reviewer Somchai", "RULESET_ACTIVATED by Reviewer Malee",
                "RULESET_RETIRED by Reviewer Somchai"), events);
    }

    @Test
    void aRuleSetRowChangedBehindTheServicesBackFailsVerifyRecord() {
        int v = propose(TestRules.withParameter("minParticipants", "120")).body().get("version").asInt();
        Jdbi jdbi = api().jdbi();
        assertEquals(0, verifyRecord(jdbi).status(), verifyRecord(jdbi).err());
        // a second reviewer's activation forged in the table
        jdbi.useHandle(h -> h.execute("UPDATE rule_sets SET activated_by = 'Reviewer Forged' WHERE version = ?", v));
        try {
            Verified forged = verifyRecord(jdbi);
            assertEquals(1, forged.status());
            assertTrue(forged.err().contains("rule set " + v + " differs from the record"), forged.err());
            assertFalse(api().get("/api/users/record", office).body().get("chainVerified").asBoolean());
        } finally {
            jdbi.useHandle(h -> h.execute("UPDATE rule_sets SET activated_by = NULL WHERE version = ?", v));
        }
        // its files swapped, its hash left alone
        String files = jdbi.withHandle(h -> h.createQuery("SELECT files FROM rule_sets WHERE version = :v")
                .bind("v", v).mapTo(String.class).one());
        jdbi.useHandle(h -> h.execute("UPDATE rule_sets SET files = ? WHERE version = ?",
                files.replace("minParticipants,120", "minParticipants,1"), v));
        try {
            Verified swapped = verifyRecord(jdbi);
            assertEquals(1, swapped.status());
            assertTrue(swapped.err().contains("rule set " + v + ": its files"), swapped.err());
        } finally {
            jdbi.useHandle(h -> h.execute("UPDATE rule_sets SET files = ? WHERE version = ?", files, v));
        }
        assertEquals(0, verifyRecord(jdbi).status());
    }

    record Verified(int status, String err) {
    }

    Verified verifyRecord(Jdbi jdbi) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = VerifyRecordCommand.verify(jdbi, api().recordKey(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Verified(status, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPartialProposalChangesOnlyWhatItNamesAndOneThatDoesNotFitItsBaseIsRefusedNamingTheField() {
        String bundledParams = TestRules.read(TestRules.BUNDLED.resolve("parameters.csv"));
        String params = TestRules.setParameter(bundledParams, "minSectors", "4");
        String json = JSON.valueToTree(params).toString();
        assertRefused("{\"base\": 9999, \"files\": {\"parameters.csv\": " + json + "}}", "base");
        assertRefused("{\"base\": " + bundled + ", \"delete\": [\"criteria/none.drl\"]}", "delete[0]");
        assertRefused("{\"base\": " + bundled + ", \"files\": {\"parameters.csv\": " + json
                + "}, \"delete\": [\"tests/outcome.json\", \"parameters.csv\"]}", "delete[1]");
        assertRefused("{\"base\": " + bundled + ", \"note\": \"nothing\"}", "files");
        assertRefused("{\"base\": " + bundled + ", \"files\": {\"parameters.csv\": "
                + JSON.valueToTree(bundledParams) + "}}", "files");
        assertRefused("{\"base\": \"one\", \"files\": {}}", "base");

        Api.Reply r = proposeJson(reviewer, "{\"base\": " + bundled + ", \"files\": {\"parameters.csv\": " + json
                + "}, \"delete\": [\"tests/SC-A4-participation-reach.json\"], \"note\": \"four sectors\"}");
        assertEquals(201, r.status(), r.raw());
        JsonNode stored = api().get("/api/rulesets/" + r.body().get("version").asInt(), reviewer).body();
        Map<String, String> expected = new java.util.TreeMap<>(RuleFiles.readFolder(TestRules.BUNDLED).files());
        expected.put("parameters.csv", params);
        expected.remove("tests/SC-A4-participation-reach.json");
        assertEquals(expected, JSON.convertValue(stored.get("files"), java.util.TreeMap.class));
        JsonNode base = api().get("/api/rulesets/" + bundled, reviewer).body().get("tests");
        assertEquals(base.get("files").asInt() - 1, stored.get("tests").get("files").asInt(), "one test file fewer ran");
    }

    void assertRefused(String body, String field) {
        Api.Reply r = proposeJson(reviewer, body);
        assertEquals(422, r.status(), body + ": " + r.raw());
        assertEquals(field, r.body().get("errors").get(0).get("field").asText(), r.raw());
    }

    @Test
    void theProposeCommandUploadsAFolderAndExitsByWhatTheServiceAnswered() {
        Path dir = TestRules.copy();
        Path params = dir.resolve("parameters.csv");
        TestRules.write(params, TestRules.setParameter(TestRules.read(params), "minSectors", "5"));
        Run stored = propose(api().url(), reviewer, dir);
        assertEquals(0, stored.status(), stored.err());
        int v = Integer.parseInt(stored.out().replaceAll("(?s).*version (\\d+).*", "$1"));
        JsonNode version = api().get("/api/rulesets/" + v, reviewer).body();
        assertEquals("PROPOSED", version.get("status").asText());
        assertEquals("from git", version.get("note").asText());
        assertEquals(RuleFiles.readFolder(dir).sha256(), version.get("sha256").asText());

        Run again = propose(api().url(), reviewer, dir);
        assertEquals(2, again.status(), "the same files are stored already: " + again.err());
        assertTrue(again.err().contains("409") && again.err().contains("version " + v), again.err());

        TestRules.write(dir.resolve("criteria/broken.drl"), "package smartcity.criteria;\nrule \"x\"\nwhen\n  Plan( \nthen\nend\n");
        Run refused = propose(api().url(), reviewer, dir);
        assertEquals(1, refused.status(), refused.err());
        assertTrue(refused.err().matches("(?s)criteria/broken\\.drl:[1-9]\\d*: .*"), refused.err());

        assertEquals(2, propose(api().url(), "not-a-token", dir).status(), "401");
        assertEquals(2, propose(api().url(), office, dir).status(), "403: an OFFICE user may not propose");
        assertEquals(2, propose("http://127.0.0.1:9", reviewer, dir).status(), "nothing listens there");
    }

    record Run(int status, String out, String err) {
    }

    static Run propose(String url, String token, Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ProposeCommand.propose(url, token, "from git", dir, io.dropwizard.jackson.Jackson.newObjectMapper(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
