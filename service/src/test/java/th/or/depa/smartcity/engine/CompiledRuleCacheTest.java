package th.or.depa.smartcity.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** The compiled-rule cache: reused for the same sources only, never trusted past the bytecode check. */
class CompiledRuleCacheTest {

    private static final String DRL = """
            package smartcity.criteria;
            import th.or.depa.smartcity.facts.*;
            rule "cache probe"
            when
                Parameter( name == "minGoals", $n : intValue )
            then
                insert(new Outcome("probe " + $n));
            end
            """;

    private static RuleFiles files(String drl, String minGoals) {
        Map<String, String> files = new TreeMap<>();
        files.put(ParametersFile.PATH, "minGoals," + minGoals + ",integer,x\n");
        files.put("criteria/probe.drl", drl);
        files.put("workflow/steps.drl", """
                package smartcity.workflow;
                import th.or.depa.smartcity.facts.*;
                rule "a step"
                when
                    Parameter( name == "minGoals" )
                then
                end
                """);
        return new RuleFiles(files);
    }

    @Test
    void aThresholdChangeReusesTheCompiledClassesAndADrlChangeDoesNot() {
        String drl = DRL.replace("cache probe", "cache probe " + UUID.randomUUID());
        String key = CompiledRuleCache.key("e", Map.of("criteria/probe.drl", drl));
        assertTrue(new RuleSetCompiler().compile(files(drl, "1")).isOk());
        Map<String, byte[]> first = CompiledRuleCache.SHARED.get(key).orElseThrow();
        CompileResult second = new RuleSetCompiler().compile(files(drl, "7"));
        assertTrue(second.isOk(), second.errors().toString());
        assertTrue(CompiledRuleCache.SHARED.get(key).orElseThrow() == first, "the same entry served both");
        assertEquals(7, second.ruleSet().parameters().get("minGoals").intValue());
        assertNotEquals(key, CompiledRuleCache.key("e", Map.of("criteria/probe.drl", drl + "\n")));
    }

    @Test
    void aCachedEntryThatFailsTheBytecodeCheckIsNeverLoaded() {
        String drl = DRL.replace("cache probe", "cache probe " + UUID.randomUUID());
        String key = CompiledRuleCache.key("e", Map.of("criteria/probe.drl", drl));
        assertTrue(new RuleSetCompiler().compile(files(drl, "1")).isOk());
        Map<String, byte[]> tampered = new HashMap<>(CompiledRuleCache.SHARED.get(key).orElseThrow());
        tampered.put("smartcity/criteria/Evil.class", classCallingSystemExit());
        CompiledRuleCache.SHARED.put(key, tampered);

        CompileResult again = new RuleSetCompiler().compile(files(drl, "1"));
        assertTrue(again.isOk(), again.errors().toString());
        assertFalse(CompiledRuleCache.SHARED.get(key).orElseThrow().containsKey("smartcity/criteria/Evil.class"),
                "the refused entry was replaced by a fresh, checked compile");
    }

    @Test
    void sourcesTheTextCheckRefusesAreRefusedEvenWithARefusedEntryPlantedUnderTheirKey() {
        String drl = DRL.replace("cache probe", "cache probe " + UUID.randomUUID())
                .replace("import th.or.depa.smartcity.facts.*;", "import th.or.depa.smartcity.facts.*;\nimport java.io.File;");
        RuleFiles hostile = files(drl, "1");
        String workflow = hostile.files().get("workflow/steps.drl");
        assertTrue(new RuleSetCompiler().compile(files(DRL, "1")).isOk()); // the workflow's classes are cached
        CompiledRuleCache.SHARED.put(CompiledRuleCache.key("e", Map.of("criteria/probe.drl", drl)),
                Map.of("smartcity/criteria/Evil.class", classCallingSystemExit()));
        assertTrue(CompiledRuleCache.SHARED.get(CompiledRuleCache.key("w", Map.of("workflow/steps.drl", workflow)))
                .isPresent());

        CompileResult refused = new RuleSetCompiler().compile(hostile);
        assertFalse(refused.isOk());
        assertEquals("criteria/probe.drl", refused.errors().get(0).file(), refused.errors().toString());
        assertTrue(refused.errors().get(0).message().contains("java.io.File"), refused.errors().toString());
    }

    @Test
    void anEntryStoredUnderAnotherKeyIsIgnored() throws Exception {
        Path dir = Files.createTempDirectory("rule-cache");
        CompiledRuleCache cache = new CompiledRuleCache(dir);
        String a = CompiledRuleCache.key("e", Map.of("a.drl", "a"));
        String b = CompiledRuleCache.key("e", Map.of("b.drl", "b"));
        cache.put(a, Map.of("x/A.class", new byte[] {1, 2, 3}));
        assertTrue(new CompiledRuleCache(dir).get(a).isPresent(), "read back from the folder");
        Files.copy(dir.resolve(a + ".classes"), dir.resolve(b + ".classes"));
        assertFalse(new CompiledRuleCache(dir).get(b).isPresent(), "a file renamed to another key is not trusted");
        Files.write(dir.resolve(a + ".classes"), new byte[] {0, 1});
        assertFalse(new CompiledRuleCache(dir).get(a).isPresent(), "an unreadable entry is a miss");
    }

    /** A class whose only method calls System.exit(0): what no rule may reach. */
    private static byte[] classCallingSystemExit() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "smartcity/criteria/Evil", null, "java/lang/Object", null);
        MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "()V", null, null);
        m.visitCode();
        m.visitInsn(Opcodes.ICONST_0);
        m.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "exit", "(I)V", false);
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
