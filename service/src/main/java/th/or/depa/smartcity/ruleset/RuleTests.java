package th.or.depa.smartcity.ruleset;

import th.or.depa.smartcity.engine.RuleRunLimitExceeded;

import th.or.depa.smartcity.engine.CompiledRuleSet;
import th.or.depa.smartcity.engine.ParametersFile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.evaluation.PlanEvaluator;
import th.or.depa.smartcity.evaluation.RenewalEvaluator;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.engine.RuleError;
import th.or.depa.smartcity.plan.Plan;
import th.or.depa.smartcity.plan.PlanFormatException;
import th.or.depa.smartcity.plan.PlanReader;

/**
 * Runs the data-driven rule tests a rule set carries (tests/*.json, see rules/tests) against that same rule set,
 * read from its files, never from disk, so that a proposed rule set is judged by its own tests. A broken test file
 * or a rule set that throws is a failed case with a message, never an exception.
 */
public final class RuleTests {

    private static final String TESTS = "tests/";
    private static final String PLANS = "tests/plans/";
    private static final String WHOLE_FILE = "(the file itself)";
    private static final Set<String> FILE_KEYS = Set.of("description", "parameters", "base", "renewal", "cases");
    private static final Set<String> CASE_KEYS = Set.of("note", "plan", "patch", "expect", "facts", "reasonContains",
            "progress", "today");
    /** A renewal test's file-level "renewal": the certificate under renewal, the day, and the base progress report. */
    private static final Set<String> RENEWAL_KEYS = Set.of("certificate", "today", "report");

    private RuleTests() {
    }

    /** A failed case, as rules-check and a refused proposal report it. */
    public record Failure(String file, int line, String note, String message) {
    }

    /**
     * One case of one test file, line the line its case starts on (0: the file as a whole); failure is null when it
     * passed. template: when a reason's template could not be filled, what is wrong with it and where.
     */
    public record CaseResult(String file, int line, String note, String failure, RuleError template) {
        public boolean passed() {
            return failure == null && template == null;
        }
    }

    /**
     * The thresholds every rule test assumes unless its file states its own: tests run with these, never with
     * parameters.csv, so that a reviewer's change of a threshold alone never fails a bundled test.
     */
    static final String ASSUMED = TESTS + "parameters.json";

    /** Every case of every tests/*.json of the rule set (the base plans under tests/plans/ are not tests). */
    public static List<CaseResult> run(CompiledRuleSet ruleSet, PlanReader reader, ObjectMapper mapper) {
        return run(ruleSet, reader, mapper, startingCase -> { });
    }

    /** As above, telling onCase "file: note" before each case runs (a worker's progress, to name a case that hangs). */
    public static List<CaseResult> run(CompiledRuleSet ruleSet, PlanReader reader, ObjectMapper mapper,
                                       java.util.function.Consumer<String> onCase) {
        List<CaseResult> results = new ArrayList<>();
        Map<String, String> assumed = new LinkedHashMap<>();
        String assumedText = ruleSet.files().files().get(ASSUMED);
        if (assumedText != null) {
            try {
                JsonNode node = mapper.readTree(assumedText);
                if (!node.isObject()) {
                    throw new BadTest("must be a JSON object of parameter name to value");
                }
                node.properties().forEach(e -> {
                    if (ruleSet.parameters().containsKey(e.getKey())) { // a retired criterion's threshold is moot
                        String value = asParameter(e.getValue());
                        String wrongType = ParametersFile.wrongType(ruleSet.parameters().get(e.getKey()), value);
                        if (wrongType != null) {
                            throw new BadTest(wrongType);
                        }
                        assumed.put(e.getKey(), value);
                    }
                });
            } catch (JsonProcessingException | BadTest e) {
                results.add(new CaseResult(ASSUMED, 0, WHOLE_FILE, "not a JSON object of parameters: " + e.getMessage(),
                        null));
            }
        }
        try {
            ruleSet.files().files().forEach((path, text) -> {
                if (path.startsWith(TESTS) && path.endsWith(".json") && !path.startsWith(PLANS)
                        && !path.equals(ASSUMED)) {
                    new FileRun(ruleSet, reader, mapper, path, assumed, onCase).run(text, results);
                }
            });
        } catch (RuleRunLimitExceeded runaway) {
            // the case that ran away is the last result
        }
        return results;
    }

    private static String asParameter(JsonNode v) {
        return v.isArray()
                ? StreamSupport.stream(v.spliterator(), false).map(JsonNode::asText).collect(Collectors.joining(" "))
                : v.asText();
    }

    public static List<Failure> failures(List<CaseResult> results) {
        return results.stream().filter(r -> !r.passed()).map(r -> new Failure(r.file(), r.line(), r.note(),
                r.failure() != null ? r.failure() : r.template().toString())).toList();
    }

    /** RFC 7386 JSON Merge Patch: objects merge, anything else (arrays too) replaces, null removes. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch, ObjectMapper mapper) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode out = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : mapper.createObjectNode();
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            if (e.getValue().isNull()) {
                out.remove(e.getKey());
            } else {
                out.set(e.getKey(), mergePatch(out.get(e.getKey()), e.getValue(), mapper));
            }
        }
        return out;
    }

    /** The run of one test file; a problem with the file as a whole becomes one failed result. */
    private record FileRun(CompiledRuleSet ruleSet, PlanReader reader, ObjectMapper mapper, String file,
                           Map<String, String> assumed, java.util.function.Consumer<String> onCase) {

        void run(String text, List<CaseResult> results) {
            try {
                JsonNode root = parse(text, file);
                check(root.isObject(), "a test file must be a JSON object");
                unknownKeys(root, FILE_KEYS, "the file");
                Map<String, String> params = parameters(root.path("parameters"));
                JsonNode base = base(root.path("base"));
                JsonNode renewal = root.path("renewal");
                if (!renewal.isMissingNode()) {
                    check(renewal.isObject(), "\"renewal\" must be an object");
                    unknownKeys(renewal, RENEWAL_KEYS, "\"renewal\"");
                    check(renewal.path("certificate").isObject() && renewal.path("report").isObject()
                            && renewal.path("today").isTextual(),
                            "\"renewal\" needs a certificate (validFrom, validUntil, domains), today and a report");
                }
                JsonNode cases = root.path("cases");
                check(cases.isArray() && !cases.isEmpty(), "\"cases\" must be a non-empty list");
                List<Integer> lines = caseLines(text, mapper);
                for (int i = 0; i < cases.size(); i++) {
                    JsonNode c = cases.get(i);
                    int line = i < lines.size() ? lines.get(i) : 0;
                    String note = c.path("note").isTextual() ? c.path("note").asText() : "case " + (i + 1);
                    onCase.accept(file + ":" + line + ": rule test \"" + note + "\"");
                    List<RuleError> templates = new ArrayList<>();
                    try {
                        String failure = runCase(c, base, renewal.isMissingNode() ? null : renewal, params,
                                templates);
                        results.add(new CaseResult(file, line, note, failure,
                                templates.isEmpty() ? null : templates.get(0)));
                    } catch (RuleRunLimitExceeded e) {
                        results.add(new CaseResult(file, line, note, "the evaluation failed: " + e.getMessage(), null));
                        throw e;
                    }
                }
            } catch (BadTest e) {
                results.add(new CaseResult(file, e.line, WHOLE_FILE, e.getMessage(), null));
            }
        }

        /** null when the case passed, else what went wrong; templates gets each reason the case could not fill. */
        private String runCase(JsonNode c, JsonNode base, JsonNode renewal, Map<String, String> params,
                               List<RuleError> templates) {
            try {
                check(c.isObject(), "a case must be a JSON object");
                unknownKeys(c, CASE_KEYS, "the case");
                check(renewal != null || (!c.has("progress") && !c.has("today")),
                        "\"progress\" and \"today\" are for renewal tests (a file with \"renewal\")");
                check(c.path("note").isTextual() && !c.path("note").asText().isBlank(), "a case needs a \"note\"");
                // a renewal case judges the file's base plan unless it names its own
                check(c.has("plan") != c.has("patch") || (renewal != null && !c.has("plan") && base != null),
                        "a case needs either \"plan\" or \"patch\", not both");
                check(!c.has("patch") || base != null, "\"patch\" needs a \"base\" plan in the file");
                JsonNode expect = c.path("expect");
                check(expect.isObject() && !expect.isEmpty(), "\"expect\" must map criterion ids (or \"outcome\") to a status");
                JsonNode planJson = c.has("plan") ? c.get("plan")
                        : mergePatch(base, c.has("patch") ? c.get("patch") : mapper.createObjectNode(), mapper);
                Plan plan;
                try {
                    plan = reader.read(planJson);
                } catch (PlanFormatException e) {
                    return "the plan is refused as a format error: " + e.getMessage();
                }
                Evaluation ev;
                try {
                    PlanEvaluator.Traced traced = renewal == null
                            ? new PlanEvaluator(Clock.systemUTC()).evaluateTraced(ruleSet, null, plan,
                                ParametersFile.override(ruleSet.parameters(), params), true)
                            : renewal(c, renewal, plan, params);
                    if (traced == null) {
                        return "the rule set has no renewal criteria (renewal/*.drl)";
                    }
                    ev = traced.evaluation();
                    templates.addAll(traced.textProblems());
                } catch (RuleRunLimitExceeded e) {
                    throw e; // the rule set runs away: no later case is worth its time
                } catch (RuntimeException e) {
                    return "the evaluation failed: " + e.getMessage();
                }
                List<String> problems = new ArrayList<>();
                compare(ev, expect, c.path("reasonContains"), problems);
                compareFacts(ev, c.path("facts"), problems);
                return problems.isEmpty() ? null : String.join("; ", problems);
            } catch (BadTest e) {
                return e.getMessage();
            }
        }

        /** A renewal case: the file's report merged with the case's "progress", read against the plan, judged. */
        private PlanEvaluator.Traced renewal(JsonNode c, JsonNode renewal, Plan plan, Map<String, String> params) {
            JsonNode certificate = renewal.get("certificate");
            java.time.LocalDate from;
            java.time.LocalDate until;
            java.time.LocalDate today;
            try {
                from = java.time.LocalDate.parse(certificate.path("validFrom").asText());
                until = java.time.LocalDate.parse(certificate.path("validUntil").asText());
                today = java.time.LocalDate.parse(c.has("today") ? c.get("today").asText()
                        : renewal.get("today").asText());
            } catch (java.time.format.DateTimeParseException e) {
                throw new BadTest("a date is not written YYYY-MM-DD: " + e.getParsedString());
            }
            List<String> domains = new ArrayList<>();
            certificate.path("domains").forEach(d -> domains.add(d.asText()));
            JsonNode report = c.has("progress") ? mergePatch(renewal.get("report"), c.get("progress"), mapper)
                    : renewal.get("report");
            th.or.depa.smartcity.plan.ProgressReport read;
            try {
                read = new th.or.depa.smartcity.plan.ProgressReader(mapper).read(
                        report.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), plan, from.getYear(),
                        until.getYear());
            } catch (PlanFormatException e) {
                throw new BadTest("the progress report is refused as a format error: " + e.getMessage());
            }
            return new RenewalEvaluator(new PlanEvaluator(Clock.systemUTC())).evaluateTraced(ruleSet, null,
                    RenewalEvaluator.facts(plan, read, domains, today),
                    ParametersFile.override(ruleSet.parameters(), params), true);
        }

        private void compare(Evaluation ev, JsonNode expect, JsonNode reasonContains, List<String> problems) {
            Map<String, Evaluation.CriterionResult> byId = new HashMap<>();
            ev.criteria().forEach(r -> byId.put(r.id(), r));
            for (Map.Entry<String, JsonNode> e : expect.properties()) {
                String id = e.getKey();
                check(e.getValue().isTextual(), "expect." + id + " must be a string");
                String want = e.getValue().asText();
                if (id.equals("outcome")) {
                    if (!want.equals(ev.outcome())) {
                        problems.add("outcome: expected " + want + " but was " + ev.outcome()
                                + " (not met: " + ev.idsWithStatus("NOT_MET") + ")");
                    }
                } else if (!byId.containsKey(id)) {
                    problems.add(id + " is not a criterion in force");
                } else if (!want.equals(byId.get(id).status())) {
                    problems.add(id + ": expected " + want + " but was " + byId.get(id).status() + " ("
                            + byId.get(id).reason().en() + ")");
                }
            }
            if (reasonContains.isMissingNode()) {
                return;
            }
            check(reasonContains.isObject(), "\"reasonContains\" must map criterion ids to a text");
            for (Map.Entry<String, JsonNode> e : reasonContains.properties()) {
                Evaluation.CriterionResult r = byId.get(e.getKey());
                if (r == null) {
                    problems.add(e.getKey() + " is not a criterion in force");
                    continue;
                }
                // "text" is English; {"en": …, "th": …} names the language
                Map<String, String> wanted = new LinkedHashMap<>();
                if (e.getValue().isObject()) {
                    e.getValue().properties().forEach(l -> wanted.put(l.getKey(), l.getValue().asText()));
                } else {
                    wanted.put("en", e.getValue().asText());
                }
                wanted.forEach((lang, text) -> {
                    check(lang.equals("en") || lang.equals("th"), "reasonContains." + e.getKey() + " has en or th");
                    String reason = lang.equals("en") ? r.reason().en() : r.reason().th();
                    if (!reason.contains(text)) {
                        problems.add(e.getKey() + ": the " + lang + " reason \"" + reason + "\" does not contain \""
                                + text + "\"");
                    }
                });
            }
        }

        /** "facts": {"SC-03": {"domains": 3}}: each named fact as the rule reported it (numbers by value). */
        private void compareFacts(Evaluation ev, JsonNode facts, List<String> problems) {
            if (facts.isMissingNode()) {
                return;
            }
            check(facts.isObject(), "\"facts\" must map criterion ids to an object of facts");
            for (Map.Entry<String, JsonNode> e : facts.properties()) {
                check(e.getValue().isObject(), "facts." + e.getKey() + " must be an object of facts");
                Evaluation.CriterionResult r = ev.criteria().stream().filter(x -> x.id().equals(e.getKey()))
                        .findFirst().orElse(null);
                if (r == null) {
                    problems.add(e.getKey() + " is not a criterion in force");
                    continue;
                }
                for (Map.Entry<String, JsonNode> f : e.getValue().properties()) {
                    if (!r.facts().containsKey(f.getKey())) {
                        problems.add(e.getKey() + ": expected fact " + f.getKey() + " = " + f.getValue()
                                + " but the rule reports no " + f.getKey() + " (it reports " + r.facts().keySet() + ")");
                        continue;
                    }
                    JsonNode actual = mapper.valueToTree(r.facts().get(f.getKey()));
                    if (!sameJson(f.getValue(), actual)) {
                        problems.add(e.getKey() + ": expected fact " + f.getKey() + " = " + f.getValue() + " but was "
                                + actual);
                    }
                }
            }
        }

        /** The parameters the file assumes, as parameters.csv writes them; a list may be given as a JSON array. */
        private Map<String, String> parameters(JsonNode node) {
            Map<String, String> out = new LinkedHashMap<>(assumed);
            if (node.isMissingNode()) {
                return out;
            }
            check(node.isObject(), "\"parameters\" must be an object");
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                check(ruleSet.parameters().containsKey(e.getKey()),
                        "parameter " + e.getKey() + " is not in " + ParametersFile.PATH);
                JsonNode v = e.getValue();
                check(v.isTextual() || v.isNumber() || v.isArray(), "parameter " + e.getKey() + " must be a string");
                String value = asParameter(v);
                String wrongType = ParametersFile.wrongType(ruleSet.parameters().get(e.getKey()), value);
                check(wrongType == null, wrongType);
                out.put(e.getKey(), value);
            }
            return out;
        }

        private JsonNode base(JsonNode node) {
            if (node.isMissingNode()) {
                return null;
            }
            check(node.isTextual(), "\"base\" must be a path relative to tests/");
            String path = TESTS + node.asText();
            String text = ruleSet.files().files().get(path);
            check(text != null, "base plan " + path + " is not in the rule set");
            JsonNode plan = parse(text, path);
            check(plan.isObject(), "base plan " + path + " must be a JSON object");
            return plan;
        }

        private JsonNode parse(String text, String path) {
            try {
                return mapper.readTree(text);
            } catch (JsonProcessingException e) {
                throw new BadTest(path + " is not valid JSON: " + e.getOriginalMessage()
                        + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"),
                        path.equals(file) && e.getLocation() != null ? e.getLocation().getLineNr() : 0);
            }
        }

        private static void unknownKeys(JsonNode node, Set<String> known, String where) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                check(known.contains(e.getKey()), where + " has an unknown key \"" + e.getKey() + "\" (known: "
                        + known.stream().sorted().toList() + ")");
            }
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new BadTest(message);
            }
        }
    }

    /** Equal JSON, where numbers are equal by value (3 and 3.0). */
    static boolean sameJson(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameJson(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                if (!b.has(e.getKey()) || !sameJson(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** The line each case of a test file starts on, in order (a reviewer finds the case by it). */
    static List<Integer> caseLines(String text, ObjectMapper mapper) {
        List<Integer> lines = new ArrayList<>();
        try (JsonParser p = mapper.getFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return lines;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if ("cases".equals(name) && t == JsonToken.START_ARRAY) {
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                        lines.add(p.currentTokenLocation().getLineNr());
                        p.skipChildren();
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            // a file that does not parse is reported as such by the tree reading
        }
        return lines;
    }

    /** A test file or case that cannot be run as written; line when known (a file that is not JSON). */
    private static final class BadTest extends RuntimeException {
        final int line;

        BadTest(String message) {
            this(message, 0);
        }

        BadTest(String message, int line) {
            super(message, null, false, false);
            this.line = line;
        }
    }
}
