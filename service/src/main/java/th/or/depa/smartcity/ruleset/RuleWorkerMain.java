package th.or.depa.smartcity.ruleset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
import th.or.depa.smartcity.evaluation.PlanVerdicts;
import th.or.depa.smartcity.evaluation.Verdict;
import th.or.depa.smartcity.plan.Plan;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.plan.Provinces;

/**
 * The worker JVM that runs a rule set which is not in force ({@link RuleWorkers} starts it): it compiles the files,
 * runs their rule tests and, for impact analysis, judges the plans it is sent. It has its own small heap and no
 * database, and is killed when it takes too long, so hostile rule code never runs in the service's process.
 *
 * <p>Protocol: standard input holds (for a spare started ahead) "WARM {Job}" with a trusted rule set, checked
 * silently, then one line with the {@link Job}, then (impact analysis) one {@link PlanLine} a line
 * until it closes. Standard output gets "STEP what" before each step, one "CHECKED {Checked}", then one
 * "JUDGED {Judged}" a plan. Anything else the JVM prints (logging) goes to standard error.
 */
public final class RuleWorkerMain {

    static final String STEP = "STEP ";
    static final String CHECKED = "CHECKED ";
    static final String JUDGED = "JUDGED ";
    static final String FIRED = "FIRED ";
    /** A spare worker's first line: a trusted rule set to check silently before the real job comes. */
    static final String WARM = "WARM ";

    /** threads: how many judge an impact analysis's plans at once, each run within the limits; 0: processors. */
    record Job(Map<String, String> files, Integer version, int maxFirings, long runTimeoutMillis, long maxAllocation,
               int threads) {
    }

    /**
     * What the check found; criteria, sha256 and the labels of the rules that judge plans are set when it passed;
     * tests counts the rule tests run (null when it did not get that far).
     */
    public record Checked(List<RuleError> errors, int criteria, String sha256, Set<String> ruleLabels,
                          TestCounts tests) {
        public Checked(List<RuleError> errors, int criteria, String sha256, Set<String> ruleLabels) {
            this(errors, criteria, sha256, ruleLabels, null);
        }

        public boolean isOk() {
            return errors.isEmpty();
        }
    }

    /**
     * A plan to judge: its id and its stored JSON as the database holds it, UTF-8 bytes (one line: stored JSON is
     * compact, its strings escape line breaks).
     */
    record PlanLine(String id, byte[] content) {

        /**
         * The line {"id":"…","content":{…}} written straight to the pipe: the stored bytes are JSON already, so they
         * are neither decoded nor encoded again on the way (100,000 plans per analysis; issue 18, third round).
         */
        void writeTo(java.io.OutputStream out) throws java.io.IOException {
            out.write(PLAN_ID);
            out.write(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsUTF8(id));
            out.write(PLAN_CONTENT);
            out.write(content);
            out.write(PLAN_END);
        }
    }

    private static final byte[] PLAN_ID = "{\"id\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PLAN_CONTENT = "\",\"content\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PLAN_END = "}\n".getBytes(StandardCharsets.UTF_8);

    /** A PlanLine as the worker reads it: the stored content straight into a plan. */
    record PlanIn(String id, Plan content) {
    }

    record Judged(String id, Verdict verdict, String failure) {
    }

    /** The labels of the rules that fired for any plan judged (impact analysis lists the others). */
    private static final Set<String> FIRED_RULES = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private RuleWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err); // the protocol has standard output to itself
        ObjectMapper mapper = Jackson.newObjectMapper();
        ByteLines in = new ByteLines(new java.io.BufferedInputStream(System.in, 1 << 16));
        PlanReader reader = new PlanReader(mapper, Provinces.load());
        String first = in.nextString();
        if (first != null && first.startsWith(WARM)) {
            // a spare: class loading, the compiled-rule cache and the JIT paid for before a reviewer waits
            Job warm = mapper.readValue(first.substring(WARM.length()), Job.class);
            try {
                new RuleSetChecker(reader, mapper, limitsOf(warm)).check(new RuleFiles(warm.files()));
            } catch (RuntimeException e) {
                System.err.println("the warm-up check failed: " + e); // the spare serves all the same
            }
            first = in.nextString();
        }
        if (first == null) {
            return; // the service stopped before it needed this spare
        }
        Job job = mapper.readValue(first, Job.class);
        RunLimits limits = limitsOf(job);
        CheckResult checked = new RuleSetChecker(reader, mapper, limits)
                .check(new RuleFiles(job.files()), step -> out.println(STEP + oneLine(step)));
        out.println(CHECKED + mapper.writeValueAsString(new Checked(checked.errors(),
                checked.isOk() ? checked.ruleSet().criteria().size() : 0,
                checked.isOk() ? checked.ruleSet().sha256() : null,
                checked.isOk() ? checked.ruleSet().evaluationRuleLabels() : Set.of(), checked.tests())));
        if (!checked.isOk()) {
            return;
        }
        judgeAll(in, out, mapper, checked, job.threads() > 0 ? job.threads() : Runtime.getRuntime().availableProcessors());
    }

    /**
     * Judges the plans as they come on that many threads (rules.workerThreads; one per core unless set); each run
     * is guarded on its own (RunGuard: its own thread, time, firings and allocation), so a run over a limit fails
     * its plan alone. The answers go out in the order the plans came, a bounded number in flight so that memory
     * stays flat however many plans are sent.
     */
    private static void judgeAll(ByteLines in, PrintStream out, ObjectMapper mapper, CheckResult checked,
                                 int threads) throws Exception {
        ExecutorService cores = Executors.newFixedThreadPool(threads);
        BlockingQueue<Future<String>> inFlight = new ArrayBlockingQueue<>(256);
        Future<String> end = CompletableFuture.completedFuture(null);
        Thread writer = new Thread(() -> {
            // buffered, flushed only when the next answer is not ready yet: a write to the pipe per batch of
            // answers rather than one per plan (standard output's println flushed 100,000 times)
            java.io.Writer answers = new java.io.BufferedWriter(
                    new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            try {
                for (Future<String> next = inFlight.take(); next != end; next = inFlight.take()) {
                    answers.write(JUDGED);
                    answers.write(next.get());
                    answers.write('\n');
                    Future<String> after = inFlight.peek();
                    if (after == null || !after.isDone()) {
                        answers.flush();
                    }
                }
                answers.flush();
            } catch (InterruptedException | ExecutionException | java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }, "rule-worker-answers");
        writer.start();
        for (byte[] line = in.next(); line != null; line = in.next()) {
            byte[] request = line;
            inFlight.put(cores.submit(() -> mapper.writeValueAsString(judge(request, mapper, checked))));
        }
        inFlight.put(end);
        writer.join();
        cores.shutdown();
        out.println(FIRED + mapper.writeValueAsString(FIRED_RULES)); // once: ~30 labels a plan would add up
    }

    private static Judged judge(byte[] line, ObjectMapper mapper, CheckResult checked) throws java.io.IOException {
        PlanIn p = mapper.readValue(line, PlanIn.class);
        try {
            PlanVerdicts.Traced t = PlanVerdicts.judge(checked.ruleSet(), p.content());
            FIRED_RULES.addAll(t.fired());
            return new Judged(p.id(), t.verdict(), null);
        } catch (RuntimeException e) {
            return new Judged(p.id(), null, String.valueOf(e.getMessage()));
        }
    }

    /**
     * Unconfigured, logback logs at DEBUG, and Drools says four lines for every rule run: over 100,000 plans that was
     * 400,000 lines formatted and written to the worker's log. Warnings and errors are all it keeps.
     */
    static void quietLogging() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logs) {
            logs.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static RunLimits limitsOf(Job job) {
        return new RunLimits(job.maxFirings(), Duration.ofMillis(job.runTimeoutMillis()), job.maxAllocation());
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
