package th.or.depa.smartcity.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import th.or.depa.smartcity.evaluation.PlanFacts;
import th.or.depa.smartcity.facts.Finding;
import th.or.depa.smartcity.facts.Outcome;
import th.or.depa.smartcity.facts.Parameter;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.engine.CompileResult;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.engine.RuleSetCompiler;

/**
 * What the engine costs run another way, to size the fixes bench/README.md proposes (the benchmarks change no
 * service code). The rules folder is built here as RuleSetCompiler builds it and run on the realistic plan's facts:
 * <ul>
 *   <li>{@code stateless}: a new stateless session per plan, as CompiledRuleSet.run (one listener instead of two);</li>
 *   <li>{@code pooled}: a stateful session taken from a {@link KieSessionsPool} and given back (reset) after;</li>
 *   <li>{@code criteriaOnly}: a new stateless session of a KieBase without rules/workflow;</li>
 *   <li>{@code skipDefinitions}: a new session that does not fire the 15 criterion definitions again;</li>
 *   <li>{@code allThree}: the three changes together.</li>
 * </ul>
 * Each returns the Findings and the Outcome. (The executable model, ExecutableModelProject, does not build these
 * rules: its parser takes the KPI field name {@code unit} for a keyword.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class EngineVariantsBenchmark {

    private static final java.util.regex.Pattern DEFINITION =
            java.util.regex.Pattern.compile(".* is an? (mandatory|advisory) criterion");
    /** Skips the 15 rules with an empty LHS that only define the criteria (CompiledRuleSet reads them once). */
    private static final org.kie.api.runtime.rule.AgendaFilter NO_DEFINITIONS =
            match -> !DEFINITION.matcher(match.getRule().getName()).matches();

    private KieBase kieBase;
    private KieSessionsPool pool;
    private KieBase criteriaBase;
    private KieSessionsPool criteriaPool;
    private List<Object> facts;

    @Setup(Level.Trial)
    public void setUp() {
        ObjectMapper mapper = Fixtures.mapper();
        PlanReader reader = Fixtures.reader(mapper);
        RuleFiles files = RuleFiles.readFolder(Fixtures.rulesDir());
        CompileResult compiled = new RuleSetCompiler().compile(files);
        if (!compiled.isOk()) {
            throw new IllegalStateException(compiled.errors().toString());
        }
        Map<String, Parameter> params = compiled.ruleSet().parameters();
        kieBase = build(files, true);
        pool = kieBase.newKieSessionsPool(4);
        criteriaBase = build(files, false);
        criteriaPool = criteriaBase.newKieSessionsPool(4);
        facts = new ArrayList<>(params.values());
        facts.addAll(PlanFacts.of(reader.read(Fixtures.realisticPlan())));
        for (List<Object> out : List.of(stateless(), pooled(), criteriaOnly(), skipDefinitions(), allThree())) {
            if (out.stream().filter(Finding.class::isInstance).count() != 15
                    || out.stream().filter(Outcome.class::isInstance).count() != 1) {
                throw new IllegalStateException("expected 15 findings and an outcome, got " + out);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdown();
        criteriaPool.shutdown();
    }

    /** withWorkflow false: only criteria/ and outcome.drl, the rules an evaluation needs. */
    private static KieBase build(RuleFiles files, boolean withWorkflow) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId rid = ks.newReleaseId("th.or.depa.smartcity.bench", "rules-" + withWorkflow, "1.0.0");
        kfs.generateAndWritePomXML(rid);
        int n = 0;
        for (Map.Entry<String, String> f : files.files().entrySet()) {
            if (RuleSetCompiler.isRuleSource(f.getKey()) && (withWorkflow || !f.getKey().startsWith("workflow/"))) {
                String name = f.getKey().substring(f.getKey().lastIndexOf('/') + 1);
                kfs.write("src/main/resources/rules/f" + (n++) + "_" + name, f.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        KieBuilder kb = ks.newKieBuilder(kfs).buildAll();
        List<Message> errors = kb.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.toString());
        }
        return ks.newKieContainer(rid).getKieBase();
    }

    @Benchmark
    public List<Object> stateless() {
        StatelessKieSession session = kieBase.newStatelessKieSession();
        List<Object> out = new ArrayList<>();
        session.addEventListener(new Collector(out));
        session.execute(facts);
        return out;
    }

    @Benchmark
    public List<Object> pooled() {
        KieSession session = pool.newKieSession();
        try {
            List<Object> out = new ArrayList<>();
            session.addEventListener(new Collector(out));
            for (Object f : facts) {
                session.insert(f);
            }
            session.fireAllRules();
            return out;
        } finally {
            session.dispose(); // back to the pool, reset
        }
    }

    /** The evaluation's rules only: a KieBase without rules/workflow (Workflow.decide would get its own). */
    @Benchmark
    public List<Object> criteriaOnly() {
        StatelessKieSession session = criteriaBase.newStatelessKieSession();
        List<Object> out = new ArrayList<>();
        session.addEventListener(new Collector(out));
        session.execute(facts);
        return out;
    }

    /** All rules, a new session, but the 15 criterion definitions (empty LHS) not fired again for every plan. */
    @Benchmark
    public List<Object> skipDefinitions() {
        KieSession session = kieBase.newKieSession();
        try {
            List<Object> out = new ArrayList<>();
            session.addEventListener(new Collector(out));
            for (Object f : facts) {
                session.insert(f);
            }
            session.fireAllRules(NO_DEFINITIONS);
            return out;
        } finally {
            session.dispose();
        }
    }

    /** The three together: criteria-only KieBase, pooled session, definitions skipped. */
    @Benchmark
    public List<Object> allThree() {
        KieSession session = criteriaPool.newKieSession();
        try {
            List<Object> out = new ArrayList<>();
            session.addEventListener(new Collector(out));
            for (Object f : facts) {
                session.insert(f);
            }
            session.fireAllRules(NO_DEFINITIONS);
            return out;
        } finally {
            session.dispose();
        }
    }

    /** Keeps what the rules insert (findings, outcome), as CompiledRuleSet's listener does. */
    private static final class Collector extends org.kie.api.event.rule.DefaultRuleRuntimeEventListener {
        private final List<Object> out;

        Collector(List<Object> out) {
            this.out = out;
        }

        @Override
        public void objectInserted(org.kie.api.event.rule.ObjectInsertedEvent event) {
            if (event.getRule() != null && (event.getObject() instanceof Finding || event.getObject() instanceof Outcome)) {
                out.add(event.getObject());
            }
        }
    }
}
