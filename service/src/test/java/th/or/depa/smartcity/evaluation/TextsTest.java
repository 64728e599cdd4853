package th.or.depa.smartcity.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.engine.RuleError;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.facts.Finding;
import th.or.depa.smartcity.facts.Status;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.ruleset.CheckResult;
import th.or.depa.smartcity.ruleset.RuleSetChecker;
import th.or.depa.smartcity.support.TestRules;

/** Reasons, titles and labels are templates in rules/texts, checked when a rule set is checked. */
class TextsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String EN = "texts/criteria.en.properties";
    private static final String TH = "texts/criteria.th.properties";

    private static Map<String, String> bundled() {
        return new TreeMap<>(RuleFiles.readFolder(TestRules.BUNDLED).files());
    }

    private static int lineOf(String text, String prefix) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError(prefix + " not found");
    }

    private static CheckResult check(Map<String, String> files) {
        return new RuleSetChecker(new PlanReader(MAPPER, Provinces.load()), MAPPER).check(new RuleFiles(files));
    }

    @Test
    void aTemplateThatDoesNotParseIsRefusedWithItsFileAndLine() {
        Map<String, String> files = bundled();
        files.put(EN, files.get(EN).replace("SC-03.title = Smart domains", "SC-03.title = Smart {domains, plural, one"));
        List<RuleError> errors = Texts.of(new RuleFiles(files)).errors();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(EN, errors.get(0).file());
        assertEquals(lineOf(files.get(EN), "SC-03.title"), errors.get(0).line());
        assertTrue(errors.get(0).message().contains("SC-03.title does not parse"), errors.toString());
    }

    @Test
    void aKeyInOneLanguageOnlyIsRefused() {
        Map<String, String> files = bundled();
        files.put(EN, files.get(EN) + "\nSC-03.NOT_MET.extra = Only in English.\n");
        List<RuleError> errors = Texts.of(new RuleFiles(files)).errors();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).toString().contains("SC-03.NOT_MET.extra has no th template"), errors.toString());
    }

    @Test
    void theThaiReasonNamesDomainsAndAMissingYearByWordsNeverACodeOrAQuestionMark() {
        Texts texts = Texts.of(new RuleFiles(bundled()));
        Evaluation.Bilingual sc03 = texts.reason(new Finding("SC-03", Status.NOT_MET, null, Map.of("domains", 1,
                "required", 2, "covered", List.of("MOBILITY"), "missing", List.of("ENVIRONMENT"))), "SC-03 rule", true);
        assertTrue(sc03.th().contains("การเดินทางและขนส่งอัจฉริยะ") && sc03.th().contains("สิ่งแวดล้อมอัจฉริยะ"), sc03.th());
        assertTrue(sc03.en().contains("(Smart Mobility)") && sc03.en().contains("Smart Environment is missing"), sc03.en());
        assertFalse(sc03.th().contains("ENVIRONMENT") || sc03.th().contains("MOBILITY"), sc03.th());

        Map<String, Object> noStart = new HashMap<>(Map.of("startYear", "none", "endYear", 2026, "maxYears", 5));
        Evaluation.Bilingual sc11 = texts.reason(new Finding("SC-11", Status.NOT_MET, "periodMissing", noStart),
                "SC-11 rule", true);
        assertEquals("แผนระบุระยะเวลาไม่ครบ (พ.ศ. ไม่ระบุ–2569) ต้องระบุทั้งปีเริ่มต้นและปีสิ้นสุด", sc11.th());
        assertEquals("The plan period is incomplete (not given–2026); a start and an end year are required.", sc11.en());
    }

    @Test
    void labelsAreReadFromTheRuleSetsTexts() {
        Map<String, String> files = bundled();
        files.put("texts/labels.en.properties", files.get("texts/labels.en.properties")
                .replace("state.CERTIFIED = Certified", "state.CERTIFIED = Certified smart city"));
        Texts texts = Texts.of(new RuleFiles(files));
        assertEquals("Certified smart city", texts.label("state", "CERTIFIED").en());
        assertEquals("ได้รับการรับรอง", texts.label("state", "CERTIFIED").th());
        assertEquals("UNKNOWN_CODE", texts.label("state", "UNKNOWN_CODE").en());
    }

    /** One check of a rule set with three mistakes: each is named by its file and line. */
    @Test
    void anUnreportedFactAndAFailingRuleTestAreRefusedWithFileAndLine() {
        Map<String, String> files = bundled();
        files.put(TH, files.get(TH).replace("SC-03.MET = แผนครอบคลุมด้านของเมืองอัจฉริยะ {domains} ด้าน",
                "SC-03.MET = แผนครอบคลุมด้านของเมืองอัจฉริยะ {domainz} ด้าน"));
        String tests = files.get("tests/SC-02-target-area.json");
        files.put("tests/SC-02-target-area.json", tests.replaceFirst("\"SC-02\": \"MET\"", "\"SC-02\": \"NOT_MET\""));
        CheckResult checked = check(files);
        assertFalse(checked.isOk());
        RuleError template = checked.errors().stream().filter(e -> e.file().equals(TH)).findFirst()
                .orElseThrow(() -> new AssertionError(checked.errors().toString()));
        assertEquals(lineOf(files.get(TH), "SC-03.MET"), template.line());
        assertTrue(template.message().contains("names {domainz}, which criteria/SC-03-smart-domains.drl"),
                template.message());
        RuleError test = checked.errors().stream().filter(e -> e.file().equals("tests/SC-02-target-area.json"))
                .findFirst().orElseThrow(() -> new AssertionError(checked.errors().toString()));
        int caseLine = lineOf(tests, "    {");
        assertEquals(caseLine, test.line(), test.toString());
        assertTrue(test.message().contains("SC-02: expected NOT_MET but was MET"), test.message());
    }

    @Test
    void aWordingChangeChangesTheReasonAndFailsNoRuleTest() {
        Map<String, String> files = bundled();
        files.put(EN, files.get(EN).replace("SC-02.MET = The target area is {areaKm2} km²",
                "SC-02.MET = The city's target area measures {areaKm2} square kilometres"));
        CheckResult checked = check(files);
        assertEquals(List.of(), checked.errors());
        Evaluation ev = new PlanEvaluator(java.time.Clock.systemUTC()).evaluate(checked.ruleSet(), null,
                new PlanReader(MAPPER, Provinces.load()).read(readExample()));
        Evaluation.CriterionResult sc02 = ev.criteria().stream().filter(c -> c.id().equals("SC-02")).findFirst()
                .orElseThrow();
        assertTrue(sc02.reason().en().startsWith("The city's target area measures "), sc02.reason().en());
    }

    private static com.fasterxml.jackson.databind.JsonNode readExample() {
        try {
            return MAPPER.readTree(TestRules.BUNDLED.resolve("tests/plans/livable-pass.json").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
