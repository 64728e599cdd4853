package th.or.depa.smartcity.ruleset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import th.or.depa.smartcity.engine.RuleError;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.engine.RunLimits;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.evaluation.PlanEvaluator;
import th.or.depa.smartcity.plan.Plan;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.plan.Provinces;

/**
 * The worker JVM that runs a rule set which is not in force ({@link RuleWorkers} starts it): it compiles the files,
 * runs their rule tests and, for impact analysis, judges the plans it is sent. It has its own small heap and no
 * database, and is killed when it takes too long, so hostile rule code never runs in the service's process.
 *
 * <p>Protocol: standard input holds one line with the {@link Job}, then (impact analysis) one {@link PlanLine} a line
 * until it closes. Standard output gets "STEP what" before each step, one "CHECKED {Checked}", then one
 * "JUDGED {Judged}" a plan. Anything else the JVM prints (logging) goes to standard error.
 */
public final class RuleWorkerMain {

    static final String STEP = "STEP ";
    static final String CHECKED = "CHECKED ";
    static final String JUDGED = "JUDGED ";

    record Job(Map<String, String> files, Integer version, int maxFirings, long runTimeoutMillis, long maxAllocation) {
    }

    record Checked(List<RuleError> errors, int criteria, String sha256, Set<String> ruleLabels) {
    }

    record PlanLine(String id, String content) {
    }

    record Judged(String id, Evaluation evaluation, Set<String> fired, String failure) {
    }

    private RuleWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err); // the protocol has standard output to itself
        ObjectMapper mapper = Jackson.newObjectMapper();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Job job = mapper.readValue(in.readLine(), Job.class);
        RunLimits limits = new RunLimits(job.maxFirings(), Duration.ofMillis(job.runTimeoutMillis()),
                job.maxAllocation());
        PlanReader reader = new PlanReader(mapper, Provinces.load());
        CheckResult checked = new RuleSetChecker(reader, mapper, limits)
                .check(new RuleFiles(job.files()), step -> out.println(STEP + oneLine(step)));
        out.println(CHECKED + mapper.writeValueAsString(new Checked(checked.errors(),
                checked.isOk() ? checked.ruleSet().criteria().size() : 0,
                checked.isOk() ? checked.ruleSet().sha256() : null,
                checked.isOk() ? checked.ruleSet().evaluationRuleLabels() : Set.of())));
        if (!checked.isOk()) {
            return;
        }
        judgeAll(in, out, mapper, checked, job.version());
    }

    /**
     * Judges the plans as they come on every core; the answers go out in the order the plans came, a bounded number
     * in flight so that memory stays flat however many plans are sent.
     */
    private static void judgeAll(BufferedReader in, PrintStream out, ObjectMapper mapper, CheckResult checked,
                                 Integer version) throws Exception {
        PlanEvaluator evaluator = new PlanEvaluator(Clock.systemUTC());
        ExecutorService cores = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        BlockingQueue<Future<String>> inFlight = new ArrayBlockingQueue<>(256);
        Future<String> end = CompletableFuture.completedFuture(null);
        Thread writer = new Thread(() -> {
            try {
                for (Future<String> next = inFlight.take(); next != end; next = inFlight.take()) {
                    out.println(JUDGED + next.get());
                }
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }, "rule-worker-answers");
        writer.start();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String request = line;
            inFlight.put(cores.submit(() -> mapper.writeValueAsString(judge(request, mapper, evaluator, checked,
                    version))));
        }
        inFlight.put(end);
        writer.join();
        cores.shutdown();
    }

    private static Judged judge(String line, ObjectMapper mapper, PlanEvaluator evaluator, CheckResult checked,
                                Integer version) throws java.io.IOException {
        PlanLine p = mapper.readValue(line, PlanLine.class);
        try {
            PlanEvaluator.Traced t = evaluator.evaluateTraced(checked.ruleSet(), version,
                    mapper.readValue(p.content(), Plan.class), checked.ruleSet().parameters());
            return new Judged(p.id(), t.evaluation(), t.fired(), null);
        } catch (RuntimeException e) {
            return new Judged(p.id(), null, Set.of(), String.valueOf(e.getMessage()));
        }
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
