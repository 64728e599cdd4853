package th.or.depa.smartcity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestRules;

/** The reviewer commands: evaluate a plan file and check a rules folder, with the exit statuses api.md gives. */
class CommandsTest {

    static final ObjectMapper MAPPER = Jackson.newObjectMapper();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int evaluate(String example) {
        return EvaluateCommand.evaluate(Api.EXAMPLES.resolve(example + ".plan.json"), TestRules.BUNDLED.toString(),
                MAPPER, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void evaluateExitsZeroForAPassAndPrintsTheEvaluation() {
        assertEquals(0, evaluate("phuket-livable-pass"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"outcome\" : \"PASS\""));
    }

    @Test
    void evaluateExitsOneForAFail() {
        assertEquals(1, evaluate("no-privacy-fails-sc07"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("SC-07"));
    }

    @Test
    void evaluateExitsTwoForAFormatErrorNamingTheField() throws Exception {
        Path bad = Files.createTempFile("plan", ".json");
        Files.writeString(bad, Api.example("phuket-livable-pass").replace("\"LIVABLE\"", "\"VILLAGE\""));
        int status = EvaluateCommand.evaluate(bad, TestRules.BUNDLED.toString(), MAPPER,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("city.kind"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rulesCheckAcceptsTheBundledRules() {
        assertEquals(0, RulesCheckCommand.check(TestRules.BUNDLED.toString(), MAPPER,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("15 criteria"));
    }

    @Test
    void rulesCheckNamesFileAndLineOfAnErrorAndExitsOne() {
        Path dir = TestRules.copy();
        TestRules.write(dir.resolve("criteria/SC-99-typo.drl"),
                "package smartcity.criteria;\nimport th.or.depa.smartcity.facts.*;\nrule \"typo\"\nwhen\n  Plan( areaKmm2 > 0 )\nthen\nend\n");
        assertEquals(1, RulesCheckCommand.check(dir.toString(), MAPPER,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("criteria/SC-99-typo.drl:5"), errors);
    }

    @Test
    void rulesCheckRefusesARuleThatCallsSystem() {
        Path dir = TestRules.copy();
        TestRules.write(dir.resolve("criteria/SC-98-evil.drl"), "package smartcity.criteria;\n"
                + "import th.or.depa.smartcity.facts.*;\nrule \"evil\"\nwhen\n  Plan()\nthen\n  System.exit(3);\nend\n");
        assertEquals(1, RulesCheckCommand.check(dir.toString(), MAPPER,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("criteria/SC-98-evil.drl:7") && errors.contains("System"), errors);
    }

    @Test
    void rulesCheckRunsTheRuleTests() {
        Path dir = TestRules.copy();
        Path sc07 = dir.resolve("criteria/SC-07-data-protection.drl");
        TestRules.write(sc07, read(sc07).replace("privacyCompliance == true", "privacyCompliance != null"));
        assertEquals(1, RulesCheckCommand.check(dir.toString(), MAPPER,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("rule test"), err.toString(StandardCharsets.UTF_8));
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
