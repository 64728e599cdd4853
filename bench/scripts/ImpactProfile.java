import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.nio.file.*;
import java.time.Clock;
import java.util.*;
import th.or.depa.smartcity.engine.*;
import th.or.depa.smartcity.evaluation.*;
import th.or.depa.smartcity.plan.*;

/** The per-plan costs of impact analysis, one thread, warm (bench/README.md, "Impact analysis (issue 18)"). */
public class ImpactProfile {
    public static void main(String[] a) throws Exception {
        ((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory()).getLogger("ROOT").setLevel(ch.qos.logback.classic.Level.valueOf(a.length > 2 ? a[2] : "WARN"));
        ObjectMapper m = Jackson.newObjectMapper();
        CompiledRuleSet rs = new RuleSetCompiler().compile(RuleFiles.readFolder(Path.of(a[0]))).ruleSet();
        PlanReader reader = new PlanReader(m, Provinces.load());
        List<String> contents = new ArrayList<>(); List<Plan> plans = new ArrayList<>(); List<String> evals = new ArrayList<>();
        PlanEvaluator ev = new PlanEvaluator(Clock.systemUTC());
        try (var s = Files.list(Path.of(a[1]))) { for (Path p : s.filter(f -> f.toString().endsWith(".plan.json")).sorted().toList()) {
            Plan pl = reader.read(Files.readAllBytes(p)); plans.add(pl); String c = m.writeValueAsString(pl); contents.add(c);
            evals.add(m.writeValueAsString(ev.evaluate(rs, 1, pl).forPlan("x","y",1)));
        }}
        System.out.println("content bytes avg " + contents.stream().mapToInt(String::length).average().getAsDouble()
            + ", evaluation bytes avg " + evals.stream().mapToInt(String::length).average().getAsDouble());
        for (int round = 0; round < 3; round++) {
            time("parse plan", 20000, i -> { try { return m.readValue(contents.get(i % contents.size()), Plan.class); } catch (Exception e) { throw new RuntimeException(e);} });
            time("verdict (rules, guard, no texts)", 20000, i -> PlanVerdicts.judge(rs, plans.get(i % plans.size())));
            time("full evaluation (rules + texts)", 10000, i -> ev.evaluate(rs, 1, plans.get(i % plans.size())));
            time("stored verdict, streamed", 20000, i -> Verdict.ofStored(m.getFactory(), evals.get(i % evals.size())));
            time("stored evaluation, parsed whole", 20000, i -> { try { return m.readValue(evals.get(i % evals.size()), Evaluation.class); } catch (Exception e) { throw new RuntimeException(e);} });
            time("rule run alone (guarded)", 20000, i -> rs.evaluate(PlanFacts.of(plans.get(i % plans.size())), rs.parameters()));
        }
        System.exit(0);
    }
    static Object sink;
    static void time(String what, int n, java.util.function.IntFunction<Object> f) {
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) sink = f.apply(i);
        System.out.printf("%-40s %8.1f us%n", what, (System.nanoTime() - t) / 1000.0 / n);
    }
}
