package th.or.depa.smartcity.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compiled-rule cache's entries made by the build and shipped in the jar (rule-cache/): a first start with the
 * bundled rules and an empty cache folder compiles nothing, anything else is compiled and checked as before, and the
 * key follows the code's content (CodeStamp), so the build's entry matches the jar and no other code.
 */
class BundledRuleCacheTest {

    private static final String LIMITS = RunLimits.DEFAULT.toString();

    private static RuleFiles bundled;
    private static Path jarRoot;
    private static ClassLoader jar;

    /** What the build does (BundledRuleCache): the bundled rules compiled into a folder that the jar then carries. */
    @BeforeAll
    static void build() throws IOException {
        bundled = RuleFiles.readFolder(Path.of("../rules"));
        jarRoot = Files.createTempDirectory("jar");
        CompiledRuleCache buildsCache = new CompiledRuleCache(jarRoot.resolve(CompiledRuleCache.BUNDLED));
        CompileResult built = new RuleSetCompiler(RunLimits.DEFAULT, buildsCache).compile(bundled);
        assertTrue(built.isOk(), built.errors().toString());
        buildsCache.markPassed(bundled, LIMITS, "tests 190");
        jar = new URLClassLoader(new URL[] {jarRoot.toUri().toURL()}, null);
    }

    /** A first start: nothing in the folder, the jar's resources behind it. */
    private static CompiledRuleCache firstStart() throws IOException {
        return firstStart(Files.createTempDirectory("rule-cache"));
    }

    private static CompiledRuleCache firstStart(Path folder) {
        return new CompiledRuleCache(folder, jar);
    }

    @Test
    void aFirstStartWithTheBundledRulesLoadsTheJarsEntryAndCompilesNothing() throws IOException {
        CompiledRuleCache cache = firstStart();
        long builds = RuleSetCompiler.builds();
        CompileResult started = new RuleSetCompiler(RunLimits.DEFAULT, cache).compile(bundled);
        assertTrue(started.isOk(), started.errors().toString());
        assertEquals(builds, RuleSetCompiler.builds(), "no executable-model build ran");
        assertEquals(15, started.ruleSet().criteria().size());
        assertEquals("tests 190", cache.passed(bundled, LIMITS).orElseThrow(), "the build's tests-passed note too");
    }

    @Test
    void theNoteOfPassedTestsHoldsForTheSameFilesAndLimitsOnly() throws IOException {
        CompiledRuleCache cache = firstStart();
        assertTrue(cache.passed(bundled, LIMITS).isPresent());
        RunLimits looser = new RunLimits(1_000_000, RunLimits.DEFAULT.timeout(), RunLimits.DEFAULT.maxAllocatedBytes());
        assertFalse(cache.passed(bundled, looser.toString()).isPresent(), "other limits: the tests run again");
        assertFalse(cache.passed(changed("tests/"), LIMITS).isPresent(), "a changed test: the tests run again");
        assertFalse(cache.passed(changed("parameters.csv"), LIMITS).isPresent(), "a changed threshold: run again");
    }

    @Test
    void aChangedRuleFileIsCompiledAndABrokenOneRefusedWithFileAndLine() throws IOException {
        Path folder = Files.createTempDirectory("rule-cache");
        CompiledRuleCache cache = firstStart(folder);
        long builds = RuleSetCompiler.builds();
        CompileResult edited = new RuleSetCompiler(RunLimits.DEFAULT, cache).compile(changed("criteria/SC-02"));
        assertTrue(edited.isOk(), edited.errors().toString());
        assertTrue(RuleSetCompiler.builds() > builds, "the edited evaluation rules were compiled");
        try (Stream<Path> written = Files.list(folder)) {
            assertEquals(1, written.count(), "only the edited KieBase's entry was written; the others came from the jar");
        }

        Map<String, String> files = new TreeMap<>(bundled.files());
        String path = "criteria/SC-02-target-area.drl";
        files.put(path, files.get(path).replaceFirst("\\bthen\\b", "then\n    this is not java;"));
        CompileResult broken = new RuleSetCompiler(RunLimits.DEFAULT, firstStart()).compile(new RuleFiles(files));
        assertFalse(broken.isOk());
        RuleError first = broken.errors().get(0);
        assertEquals(path, first.file(), broken.errors().toString());
        assertTrue(first.line() > 0, broken.errors().toString());
    }

    @Test
    void anEntryInTheJarStoredUnderAnotherKeyIsIgnored() throws IOException {
        Path root = Files.createTempDirectory("jar");
        Path entries = Files.createDirectories(root.resolve(CompiledRuleCache.BUNDLED));
        String a = CompiledRuleCache.key("e", Map.of("a.drl", "a"));
        String b = CompiledRuleCache.key("e", Map.of("b.drl", "b"));
        new CompiledRuleCache(entries).put(a, Map.of("x/A.class", new byte[] {1, 2, 3}));
        Files.copy(entries.resolve(a + ".classes"), entries.resolve(b + ".classes"));
        ClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
        CompiledRuleCache cache = new CompiledRuleCache(Files.createTempDirectory("rule-cache"), loader);
        assertTrue(cache.get(a).isPresent(), "read from the jar under its own key");
        assertFalse(cache.get(b).isPresent(), "an entry renamed to another key is not trusted");
    }

    @Test
    void theKeyFollowsTheCodesContentAndTheJarsStampIsTheBuilds() throws IOException {
        Map<String, String> sources = Map.of("criteria/x.drl", "rule");
        assertNotEquals(CompiledRuleCache.key("e", sources, "code 1"), CompiledRuleCache.key("e", sources, "code 2"));
        assertEquals(CompiledRuleCache.key("e", sources), CompiledRuleCache.key("e", sources, CodeStamp.value()));

        Path classes = Files.createTempDirectory("classes");
        Path pkg = Files.createDirectories(classes.resolve(CodeStamp.PACKAGE + "facts"));
        Files.write(pkg.resolve("Plan.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 1, 2});
        Files.write(pkg.resolve("Goal.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 3});
        Files.writeString(pkg.resolve("texts.properties"), "not code");
        String built = CodeStamp.of(classes);
        List<String> listed = CodeStamp.classes(classes);
        assertEquals(List.of(CodeStamp.PACKAGE + "facts/Goal.class", CodeStamp.PACKAGE + "facts/Plan.class"), listed);

        Path jarFile = jarOf(classes);
        assertEquals(built, CodeStamp.ofJar(jarFile, listed), "the jar made of the build's classes has its stamp");
        assertEquals(built, CodeStamp.ofJar(jarFile, null), "also without the build's list");

        Files.write(pkg.resolve("Plan.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 1, 3}); // one byte of code
        assertNotEquals(built, CodeStamp.of(classes));
        assertNotEquals(built, CodeStamp.ofJar(jarOf(classes), listed), "a class changed after the list was made");
        Files.delete(pkg.resolve("Goal.class"));
        assertNotEquals(built, CodeStamp.ofJar(jarOf(classes), listed), "a listed class gone");
    }

    /** The bundled rules with one file (the first whose path starts so) changed by a comment: other sources. */
    private static RuleFiles changed(String prefix) {
        Map<String, String> files = new TreeMap<>(bundled.files());
        String path = files.keySet().stream().filter(p -> p.startsWith(prefix)).findFirst().orElseThrow();
        files.put(path, files.get(path) + (path.endsWith(".csv") ? "# edited\n" : "\n// edited\n"));
        return new RuleFiles(files);
    }

    private static Path jarOf(Path classes) throws IOException {
        Path jarFile = Files.createTempFile("code", ".jar");
        try (OutputStream raw = Files.newOutputStream(jarFile); JarOutputStream out = new JarOutputStream(raw);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        return jarFile;
    }
}
