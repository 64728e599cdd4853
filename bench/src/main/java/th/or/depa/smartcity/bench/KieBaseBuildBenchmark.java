package th.or.depa.smartcity.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.ruleset.CheckResult;
import th.or.depa.smartcity.engine.CompileResult;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.ruleset.RuleSetChecker;
import th.or.depa.smartcity.engine.RuleSetCompiler;

/**
 * How long the rules folder takes to become a KieBase (compile: read the folder, KieBuilder, KieContainer) and to
 * pass every check a rule set meets before it may serve (check: compile + the rule tests of rules/tests). These
 * are what a start, a folder reload, a proposal, an activation and an impact analysis pay once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class KieBaseBuildBenchmark {

    private RuleSetCompiler compiler;
    private RuleSetChecker checker;

    @Setup(Level.Trial)
    public void setUp() {
        ObjectMapper mapper = Fixtures.mapper();
        PlanReader reader = Fixtures.reader(mapper);
        compiler = new RuleSetCompiler();
        checker = new RuleSetChecker(reader, mapper);
        Fixtures.rulesDir();
    }

    @Benchmark
    public CompileResult compile() {
        CompileResult r = compiler.compile(RuleFiles.readFolder(Fixtures.rulesDir()));
        if (!r.isOk()) {
            throw new IllegalStateException(r.errors().toString());
        }
        return r;
    }

    @Benchmark
    public CheckResult check() {
        CheckResult r = checker.check(RuleFiles.readFolder(Fixtures.rulesDir()));
        if (!r.isOk()) {
            throw new IllegalStateException(r.errors().toString());
        }
        return r;
    }
}
