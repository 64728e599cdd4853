package th.or.depa.smartcity.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.evaluation.PlanEvaluator;
import th.or.depa.smartcity.evaluation.PlanFacts;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.facts.Parameter;
import th.or.depa.smartcity.plan.Plan;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.ruleset.CheckResult;
import th.or.depa.smartcity.engine.CompiledRuleSet;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.ruleset.RuleSetChecker;

/**
 * How long one plan's evaluation takes with the bundled rules (a fresh stateless session per plan, as the service
 * does it) beside the plain-Java floor over the same facts. plan=realistic is examples/phuket-livable-pass,
 * plan=large a generated 7 domains × 20 services × 5 KPIs. Ratio: drools / plainJava of the same plan.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class EvaluationBenchmark {

    @Param({"realistic", "large"})
    public String plan;

    private CompiledRuleSet rules;
    private Map<String, Parameter> params;
    private PlanEvaluator evaluator;
    private PlanReader reader;
    private byte[] body;
    private Plan parsed;
    private Evaluation.RuleSetRef ref;
    private Texts texts;

    @Setup(Level.Trial)
    public void setUp() {
        ObjectMapper mapper = Fixtures.mapper();
        reader = Fixtures.reader(mapper);
        CheckResult checked = new RuleSetChecker(reader, mapper).check(RuleFiles.readFolder(Fixtures.rulesDir()));
        if (!checked.isOk()) {
            throw new IllegalStateException("the bundled rules do not load: " + checked.errors());
        }
        rules = checked.ruleSet();
        params = rules.parameters();
        evaluator = new PlanEvaluator(Clock.systemUTC());
        ref = new Evaluation.RuleSetRef(1, rules.sha256());
        texts = Texts.of(rules.files());
        body = "large".equals(plan) ? Fixtures.generatedPlan(mapper, 7, 20, 5) : Fixtures.realisticPlan();
        parsed = reader.read(body);
        crossCheck(mapper);
    }

    /** The floor must decide and say why as the rules do, or the ratio means nothing: every example plan and this one. */
    private void crossCheck(ObjectMapper mapper) {
        List<byte[]> plans = new java.util.ArrayList<>(Fixtures.examplePlans());
        plans.add(body);
        for (byte[] b : plans) {
            Plan p = reader.read(b);
            Evaluation drools = evaluator.evaluate(rules, 1, p);
            Evaluation plain = PlainCriteria.evaluate(PlanFacts.of(p), params, ref, texts);
            // statuses and the reasons rendered from the same templates: the same facts and the same rendering work
            List<String> a = drools.criteria().stream().map(c -> c.id() + "=" + c.status() + " " + c.reason()).toList();
            List<String> c = plain.criteria().stream().map(x -> x.id() + "=" + x.status() + " " + x.reason()).toList();
            if (!a.equals(c) || !drools.outcome().equals(plain.outcome())) {
                throw new IllegalStateException("plain-Java floor disagrees with the rules on "
                        + p.reference() + ":\n rules " + drools.outcome() + " " + a + "\n plain " + plain.outcome()
                        + " " + c);
            }
        }
    }

    /** PlanFacts + stateless session + assembly: PlanEvaluator.evaluate as POST /api/plans calls it. */
    @Benchmark
    public Evaluation drools() {
        return evaluator.evaluate(rules, 1, parsed);
    }

    /** The floor: PlanFacts + the 15 criteria in plain Java + the same assembly. */
    @Benchmark
    public Evaluation plainJava() {
        return PlainCriteria.evaluate(PlanFacts.of(parsed), params, ref, texts);
    }

    /** Strict parsing and validation of the body (PlanReader) and the Drools evaluation: the service's CPU path. */
    @Benchmark
    public Evaluation readAndDrools() {
        return evaluator.evaluate(rules, 1, reader.read(body));
    }

    /** Strict parsing and validation alone, for scale. */
    @Benchmark
    public Plan readOnly() {
        return reader.read(body);
    }
}
