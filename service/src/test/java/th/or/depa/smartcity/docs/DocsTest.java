package th.or.depa.smartcity.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.engine.CompileResult;
import th.or.depa.smartcity.engine.CompiledRuleSet;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.engine.RuleSetCompiler;
import th.or.depa.smartcity.facts.Criterion;
import th.or.depa.smartcity.facts.Parameter;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestRules;

/**
 * Keeps the documentation true to the repository: a newcomer with only the repository must be able to follow every
 * path and link, and the criteria, examples and workflow it describes must be the ones the rules and examples hold.
 */
class DocsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOCS = ROOT.resolve("docs");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A link target in Markdown: [text](target) or ![alt](target), up to a title or the closing parenthesis. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");
    /** A path outside the repository: the old shared spec, or an absolute path of the machine it was written on. */
    private static final Pattern OUTSIDE = Pattern.compile("\\.\\./shared|shared/spec|(?<![\\w.:/])/work/");

    private static CompiledRuleSet rules;

    @BeforeAll
    static void compileTheBundledRules() {
        CompileResult r = new RuleSetCompiler().compile(RuleFiles.readFolder(TestRules.BUNDLED));
        assertTrue(r.isOk(), r.errors().toString());
        rules = r.ruleSet();
    }

    @Test
    void noDocumentNamesAPathOutsideTheRepository() {
        List<String> found = new ArrayList<>();
        for (Path file : documents(true)) {
            String[] lines = read(file).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = OUTSIDE.matcher(lines[i]);
                if (m.find()) {
                    found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), found, "paths outside the repository");
    }

    @Test
    void noFileOfTheRepositoryReadsTheSharedSpecFolderOutsideIt() throws IOException {
        Pattern shared = Pattern.compile("\\.\\./shared|shared/spec");
        Set<String> skipped = Set.of(".git", "target", "data", "node_modules");
        List<String> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(ROOT)) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                Path relative = ROOT.relativize(file);
                boolean inSkipped = segments(relative).anyMatch(skipped::contains);
                if (inSkipped || !Files.isRegularFile(file) || file.getFileName().toString().equals("DocsTest.java")
                        || Files.size(file) > 2_000_000) {
                    continue;
                }
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1); // any bytes
                Matcher m = shared.matcher(text);
                if (m.find()) {
                    found.add(relative + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), found, "files that still read ../shared");
    }

    private static Stream<String> segments(Path relative) {
        List<String> parts = new ArrayList<>();
        relative.forEach(p -> parts.add(p.toString()));
        return parts.stream();
    }

    @Test
    void everyRelativeLinkOfTheReadmeAndTheDocsResolvesToAFileAndHeadingInTheRepository() {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path file : documents(false)) {
            Matcher m = LINK.matcher(FENCE.matcher(read(file)).replaceAll(""));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("(?i)^[a-z][a-z0-9+.-]*:.*")) {
                    continue; // https:, mailto: ... : not a file of the repository
                }
                links++;
                String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path to = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                if (!to.startsWith(ROOT) || !Files.exists(to)) {
                    broken.add(ROOT.relativize(file) + ": " + target + " (no such file)");
                } else if (anchor != null && to.toString().endsWith(".md") && !anchors(to).contains(anchor)) {
                    broken.add(ROOT.relativize(file) + ": " + target + " (no such heading in " + ROOT.relativize(to) + ")");
                }
            }
        }
        assertTrue(links > 50, "only " + links + " relative links found: is the docs folder there?");
        assertEquals(List.of(), broken, "broken links");
    }

    @Test
    void theDocsIndexLinksEveryPageOfTheDocsFolder() throws IOException {
        String index = read(DOCS.resolve("README.md"));
        try (Stream<Path> pages = Files.list(DOCS)) {
            List<String> missing = pages.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".md") && !n.equals("README.md"))
                    .filter(n -> !index.contains("](" + n + ")"))
                    .sorted().toList();
            assertEquals(List.of(), missing, "pages docs/README.md does not link");
        }
    }

    @Test
    void everyCriterionOfTheRulesIsInTheCriteriaPageWithTheCurrentValueOfEachOfItsThresholds() {
        String page = read(DOCS.resolve("criteria.md"));
        Map<String, Parameter> parameters = rules.parameters();
        List<Criterion> criteria = new ArrayList<>(rules.criteria());
        criteria.addAll(rules.renewalCriteria());
        assertTrue(criteria.size() >= 18, "criteria read from the rules: " + criteria);
        List<String> problems = new ArrayList<>();
        for (Criterion c : criteria) {
            String row = tableRow(page, c.id());
            if (row == null) {
                problems.add(c.id() + ": no table row in docs/criteria.md");
                continue;
            }
            if (!c.mandatory() && !row.contains("advisory") && !inSection(page, c.id(), "Advisory")) {
                problems.add(c.id() + ": advisory in the rules, not said so in docs/criteria.md");
            }
            for (String name : c.parameters()) {
                String shown = "`" + name + " = " + parameters.get(name).value() + "`";
                if (!row.contains(shown)) {
                    problems.add(c.id() + ": its row does not show " + shown);
                }
            }
        }
        Set<String> defined = criteria.stream().map(Criterion::id).collect(Collectors.toSet());
        Matcher rows = Pattern.compile("(?m)^\\| ((?:SC|RN)-[A-Z0-9]+) \\|").matcher(page);
        while (rows.find()) {
            if (!defined.contains(rows.group(1))) {
                problems.add(rows.group(1) + ": in docs/criteria.md but defined by no rule file");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyThresholdOfTheParametersFileIsNamedInTheDocs() {
        String docs = read(DOCS.resolve("criteria.md")) + read(DOCS.resolve("workflow.md"));
        List<String> unnamed = rules.parameters().keySet().stream()
                .filter(name -> !docs.contains("`" + name)).sorted().toList();
        assertEquals(List.of(), unnamed, "thresholds of rules/parameters.csv that criteria.md and workflow.md never name");
    }

    @Test
    void everyExampleIsListedInTheExamplesReadmeWithTheOutcomeItsExpectedFileGives() throws IOException {
        Path examples = Api.EXAMPLES.toAbsolutePath().normalize();
        String readme = read(examples.resolve("README.md"));
        List<Path> plans;
        try (Stream<Path> files = Files.list(examples)) {
            plans = files.filter(p -> p.getFileName().toString().endsWith(".plan.json")).sorted().toList();
        }
        assertFalse(plans.isEmpty(), "no examples in " + examples);
        List<String> problems = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (Path plan : plans) {
            String name = plan.getFileName().toString().replace(".plan.json", "");
            names.add(name);
            JsonNode expected = MAPPER.readTree(examples.resolve(name + ".expected.json").toFile());
            String row = tableRow(readme, "`" + name + "`");
            if (row == null) {
                problems.add(name + ": no row in examples/README.md");
                continue;
            }
            String[] cells = row.split("\\s*\\|\\s*");  // "", name, what it shows, outcome, not met, warnings
            expect(problems, name, "outcome", expected.get("outcome").asText(), cells[3]);
            expect(problems, name, "not met", ids(expected.get("notMet")), cells[4]);
            expect(problems, name, "warnings", ids(expected.get("warnings")), cells[5]);
        }
        Matcher rows = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(readme);
        while (rows.find()) {
            if (!names.contains(rows.group(1))) {
                problems.add(rows.group(1) + ": listed in examples/README.md but not in examples/");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyStateEventAndCertificateStatusTheLabelsNameIsInTheWorkflowPage() throws IOException {
        String page = read(DOCS.resolve("workflow.md"));
        Properties labels = new Properties();
        try (Reader in = Files.newBufferedReader(TestRules.BUNDLED.resolve("texts/labels.en.properties"),
                StandardCharsets.UTF_8)) {
            labels.load(in);
        }
        Set<String> codes = new TreeSet<>();
        for (String key : labels.stringPropertyNames()) {
            for (String kind : List.of("state.", "event.", "certificateStatus.")) {
                if (key.startsWith(kind)) {
                    codes.add(key.substring(kind.length()));
                }
            }
        }
        assertTrue(codes.contains("CERTIFIED") && codes.contains("CLOSE_VOTE"), "codes read from the labels: " + codes);
        List<String> missing = codes.stream()
                .filter(code -> !Pattern.compile("(?<![A-Z_])" + code + "(?![A-Z_])").matcher(page).find()).toList();
        assertEquals(List.of(), missing, "codes of rules/texts/labels.en.properties that docs/workflow.md never names");
    }

    @Test
    void theReadmeWalkThroughTakesItsPortFromAVariableAndItsExamplesFromTheRepository() {
        String readme = read(ROOT.resolve("README.md"));
        int start = readme.indexOf("\n## Walk-through\n");
        assertTrue(start >= 0, "README.md has no '## Walk-through' section");
        int end = readme.indexOf("\n## ", start + 1);
        String walk = readme.substring(start, end < 0 ? readme.length() : end);
        assertTrue(walk.contains("PORT=${PORT:-8080}"), "the walk-through does not set PORT");
        assertFalse(walk.contains("localhost:8080"), "the walk-through writes the port into a command");
        assertTrue(walk.contains("@examples/"), "the walk-through does not submit the repository's examples");
        assertTrue(walk.contains("[\"plan\"][\"id\"]"), "the walk-through does not take ID from the answer");
    }

    /** README.md, docs/*.md, examples/README.md; with scripts: also examples/* and the CI scripts. */
    private static List<Path> documents(boolean withScripts) {
        Set<Path> files = new LinkedHashSet<>();
        files.add(ROOT.resolve("README.md"));
        files.add(ROOT.resolve("examples/README.md"));
        try (Stream<Path> docs = Files.walk(DOCS); Stream<Path> examples = Files.list(ROOT.resolve("examples"));
             Stream<Path> ci = Files.list(ROOT.resolve(".ci"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            if (withScripts) {
                examples.filter(Files::isRegularFile).sorted().forEach(files::add);
                ci.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(files);
    }

    /** The headings' anchors as GitHub makes them: lower case, punctuation dropped, spaces to hyphens. */
    private static Set<String> anchors(Path markdown) {
        String text = FENCE.matcher(read(markdown)).replaceAll("");
        return Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*$").matcher(text).results()
                .map(r -> r.group(1))
                .map(h -> h.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\s_-]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
    }

    private static String tableRow(String page, String first) {
        return page.lines().filter(l -> l.startsWith("| " + first + " |")).findFirst().orElse(null);
    }

    private static boolean inSection(String page, String id, String heading) {
        int row = page.indexOf("| " + id + " |");
        int section = page.lastIndexOf("\n## ", row);
        return section >= 0 && page.startsWith("\n## " + heading, section);
    }

    private static String ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(n -> ids.add(n.asText()));
        return ids.isEmpty() ? "—" : String.join(", ", ids);
    }

    private static void expect(List<String> problems, String example, String column, String expected, String cell) {
        if (!expected.equals(cell)) {
            problems.add(example + ": " + column + " is '" + cell + "' in examples/README.md, '" + expected
                    + "' in its expected.json");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }
}
