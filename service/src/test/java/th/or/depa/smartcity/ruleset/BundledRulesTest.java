package th.or.depa.smartcity.ruleset;

import th.or.depa.smartcity.engine.CompileResult;
import th.or.depa.smartcity.engine.CompiledRuleSet;
import th.or.depa.smartcity.engine.ParametersFile;
import th.or.depa.smartcity.engine.RuleError;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.engine.RuleSetCompiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.plan.Provinces;

/** The rules folder shipped with the service: it compiles, defines the fifteen criteria, and passes its own tests. */
class BundledRulesTest {

    private static final Path RULES = Path.of("../rules");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static RuleFiles files;
    private static CompileResult compiled;
    private static PlanReader reader;

    @BeforeAll
    static void compile() {
        files = RuleFiles.readFolder(RULES);
        compiled = new RuleSetCompiler().compile(files);
        reader = new PlanReader(MAPPER, Provinces.load());
    }

    @Test
    void bundledRulesCompileWithoutErrors() {
        assertEquals(List.of(), compiled.errors());
    }

    private static CompiledRuleSet ruleSet() {
        assertTrue(compiled.isOk(), () -> "the bundled rules do not compile: " + compiled.errors());
        return compiled.ruleSet();
    }

    @Test
    void theFifteenCriteriaAreInForceWithTheirKindAndTitles() {
        List<String> inForce = ruleSet().criteria().stream()
                .map(c -> c.id() + (c.mandatory() ? " mandatory " : " advisory ") + Texts.of(files).title(c.id()).en()
                        + " / " + Texts.of(files).title(c.id()).th())
                .toList();
        assertEquals(List.of(
                "SC-01 mandatory Vision and goals / วิสัยทัศน์และเป้าหมาย",
                "SC-02 mandatory Target area / พื้นที่เป้าหมาย",
                "SC-03 mandatory Smart domains / ด้านของเมืองอัจฉริยะ",
                "SC-04 mandatory Measurable services / บริการที่วัดผลได้",
                "SC-05 mandatory Digital infrastructure / โครงสร้างพื้นฐานดิจิทัล",
                "SC-06 mandatory Open city data platform / แพลตฟอร์มข้อมูลเมืองแบบเปิด",
                "SC-07 mandatory Data protection and cybersecurity / การคุ้มครองข้อมูลและความมั่นคงปลอดภัยไซเบอร์",
                "SC-08 mandatory Participation / การมีส่วนร่วม",
                "SC-09 mandatory Management body / หน่วยงานบริหารจัดการเมือง",
                "SC-10 mandatory Budget / งบประมาณ",
                "SC-11 mandatory Plan period / ระยะเวลาของแผน",
                "SC-A1 advisory KPI ambition / ความท้าทายของตัวชี้วัด",
                "SC-A2 advisory Open datasets / ชุดข้อมูลเปิด",
                "SC-A3 advisory Financial sustainability / ความยั่งยืนทางการเงิน",
                "SC-A4 advisory Participation reach / การเข้าถึงของการมีส่วนร่วม"), inForce);
    }

    @TestFactory
    Stream<DynamicTest> everyBundledRuleTestCasePasses() {
        List<RuleTests.CaseResult> results = RuleTests.run(ruleSet(), reader, MAPPER);
        assertFalse(results.isEmpty(), "the rules folder carries no rule tests");
        return results.stream().map(r -> DynamicTest.dynamicTest(r.file() + ": " + r.note(), () -> {
            if (!r.passed()) {
                fail(r.file() + ":" + r.line() + ": " + (r.failure() != null ? r.failure() : r.template()));
            }
        }));
    }

    @Test
    void runnerReportsWrongExpectationsAndBrokenTestFiles() {
        Map<String, String> withBadTests = new HashMap<>(files.files());
        withBadTests.put("tests/zz-wrong.json", """
                {"description": "expectations that the rules contradict",
                 "base": "plans/livable-pass.json",
                 "cases": [
                   {"note": "wrong status", "patch": {}, "expect": {"SC-03": "NOT_MET"}},
                   {"note": "wrong outcome", "patch": {}, "expect": {"outcome": "FAIL"}},
                   {"note": "wrong reason", "patch": {}, "expect": {"SC-03": "MET"}, "reasonContains": {"SC-03": "no such words"}},
                   {"note": "wrong fact", "patch": {}, "expect": {"SC-03": "MET"}, "facts": {"SC-03": {"domains": 7}}},
                   {"note": "unknown criterion", "patch": {}, "expect": {"SC-99": "MET"}},
                   {"note": "format error", "patch": {"city": {"kind": "TOWN"}}, "expect": {"SC-03": "MET"}},
                   {"note": "right", "patch": {}, "expect": {"SC-03": "MET", "outcome": "PASS"}}
                 ]}
                """);
        withBadTests.put("tests/zz-malformed.json", "{\"cases\": [");
        withBadTests.put("tests/zz-no-base.json", """
                {"base": "plans/missing.json", "cases": [{"note": "n", "patch": {}, "expect": {"SC-03": "MET"}}]}
                """);
        withBadTests.put("tests/zz-unknown-parameter.json", """
                {"parameters": {"minDomainz": "2"}, "cases": [{"note": "n", "plan": {}, "expect": {"SC-03": "MET"}}]}
                """);
        CompileResult proposal = new RuleSetCompiler().compile(new RuleFiles(withBadTests));
        assertEquals(List.of(), proposal.errors());

        Map<String, String> failures = new LinkedHashMap<>();
        for (RuleTests.Failure f : RuleTests.failures(RuleTests.run(proposal.ruleSet(), reader, MAPPER))) {
            if (f.file().startsWith("tests/zz-")) {
                failures.put(f.file() + ": " + f.note(), f.message());
            }
        }
        assertTrue(failures.get("tests/zz-wrong.json: wrong status").contains("SC-03: expected NOT_MET but was MET"),
                failures.toString());
        assertTrue(failures.get("tests/zz-wrong.json: wrong outcome").contains("expected FAIL but was PASS"));
        assertTrue(failures.get("tests/zz-wrong.json: wrong reason").contains("does not contain \"no such words\""));
        assertTrue(failures.get("tests/zz-wrong.json: wrong fact").contains("SC-03: expected fact domains = 7 but was 3"),
                failures.toString());
        assertTrue(failures.get("tests/zz-wrong.json: unknown criterion").contains("SC-99 is not a criterion in force"));
        assertTrue(failures.get("tests/zz-wrong.json: format error").contains("format error"));
        assertFalse(failures.containsKey("tests/zz-wrong.json: right"));
        assertTrue(failures.get("tests/zz-malformed.json: (the file itself)").contains("not valid JSON"));
        assertTrue(failures.get("tests/zz-no-base.json: (the file itself)").contains("plans/missing.json"));
        assertTrue(failures.get("tests/zz-unknown-parameter.json: (the file itself)").contains("minDomainz"));
        assertEquals(9, failures.size(), failures.toString());
    }

    @Test
    void noRuleFileWritesAThresholdValue() {
        assertEquals(List.of(), thresholdValuesOutsideParameters(files.files()));
    }

    @Test
    void aThresholdValueWrittenInARuleFileIsFound() {
        Map<String, String> planted = new HashMap<>(files.files());
        planted.put("criteria/SC-99-planted.drl", "// SC-99 needs minDomains = 3 domains\n");
        planted.put("tests/zz-planted.json", "{\"parameters\": {\"minDomains\": \"3\"}}");
        assertEquals(List.of("criteria/SC-99-planted.drl writes a value after minDomains"),
                thresholdValuesOutsideParameters(planted));
    }

    /** Files other than parameters.csv and tests/ in which a parameter's name is followed by a number. */
    private static List<String> thresholdValuesOutsideParameters(Map<String, String> ruleFiles) {
        List<RuleError> unreadable = new ArrayList<>();
        Map<String, ?> parameters = ParametersFile.parse(ruleFiles.get(ParametersFile.PATH), unreadable);
        assertEquals(List.of(), unreadable);
        List<String> offending = new ArrayList<>();
        for (String name : parameters.keySet()) {
            Pattern valueAfterName = Pattern.compile("\\b" + Pattern.quote(name) + "[\\s=:,\"']*\\d");
            new TreeMap<>(ruleFiles).forEach((path, text) -> {
                if (!path.equals(ParametersFile.PATH) && !path.startsWith("tests/")
                        && valueAfterName.matcher(text).find()) {
                    offending.add(path + " writes a value after " + name);
                }
            });
        }
        return offending;
    }
}
