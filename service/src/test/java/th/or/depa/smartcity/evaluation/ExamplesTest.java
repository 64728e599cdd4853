package th.or.depa.smartcity.evaluation;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import th.or.depa.smartcity.facts.Text;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.engine.CompileResult;
import th.or.depa.smartcity.engine.CompiledRuleSet;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.engine.RuleSetCompiler;
import th.or.depa.smartcity.support.Api;

/** The spec's example plans get, under the bundled rules, the outcome, unmet criteria and warnings the spec gives. */
class ExamplesTest {

    private static final Path EXAMPLES = Api.EXAMPLES;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static CompiledRuleSet ruleSet;
    private static PlanReader reader;

    @BeforeAll
    static void compile() {
        CompileResult r = new RuleSetCompiler().compile(RuleFiles.readFolder(Path.of("../rules")));
        assertEquals(List.of(), r.errors());
        ruleSet = r.ruleSet();
        reader = new PlanReader(MAPPER, Provinces.load());
    }

    @TestFactory
    Stream<DynamicTest> eachExamplePlanGetsItsExpectedResult() throws IOException {
        List<Path> plans;
        try (Stream<Path> list = Files.list(EXAMPLES)) {
            plans = list.filter(p -> p.getFileName().toString().endsWith(".plan.json")).sorted().toList();
        }
        assertFalse(plans.isEmpty(), "no examples in " + EXAMPLES.toAbsolutePath());
        return plans.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static void check(Path planFile) throws IOException {
        String name = planFile.getFileName().toString().replace(".plan.json", "");
        JsonNode expected = MAPPER.readTree(planFile.resolveSibling(name + ".expected.json").toFile());
        Evaluation ev = new PlanEvaluator(Clock.systemUTC())
                .evaluate(ruleSet, null, reader.read(Files.readAllBytes(planFile)));
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals(expected.get("outcome").asText(), ev.outcome(), "outcome"));
        checks.add(() -> assertEquals(sorted(expected.get("notMet")), sortedIds(ev, "NOT_MET"), "not met"));
        checks.add(() -> assertEquals(sorted(expected.get("warnings")), sortedIds(ev, "WARNING"), "warnings"));
        for (Evaluation.CriterionResult c : ev.criteria()) {
            checks.add(() -> assertFalse(Text.isBlank(c.reason().en()) || Text.isBlank(c.reason().th()),
                    c.id() + " needs a reason in English and Thai"));
        }
        assertAll(name, checks);
    }

    private static List<String> sorted(JsonNode ids) {
        List<String> out = new ArrayList<>();
        ids.forEach(n -> out.add(n.asText()));
        return out.stream().sorted().toList();
    }

    private static List<String> sortedIds(Evaluation ev, String status) {
        return ev.idsWithStatus(status).stream().sorted().toList();
    }
}
