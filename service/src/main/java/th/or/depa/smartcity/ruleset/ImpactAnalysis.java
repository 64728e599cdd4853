package th.or.depa.smartcity.ruleset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.evaluation.PlanVerdicts;
import th.or.depa.smartcity.evaluation.Verdict;
import th.or.depa.smartcity.plan.Plan;
import th.or.depa.smartcity.store.CriterionStatuses;
import th.or.depa.smartcity.store.PlanDao;
import th.or.depa.smartcity.store.PlanFilter;

/**
 * What a candidate rule set would change: every stored plan's latest revision judged under the candidate beside
 * the rules in force, read in batches so that memory stays flat however many plans there are. Only verdicts are
 * compared (outcome and statuses, {@link Verdict}): the worker renders no reasons, and the verdict in force is read
 * out of the stored evaluation when the rules in force made it.
 *
 * <p>Every rule of the candidate runs on every plan, also where only a threshold or one criterion's file changed:
 * rules may read facts other rules insert or change, so a criterion whose file is unchanged is not known to judge
 * as before, and the rules that never fire can only be told from runs of all of them (bench/README.md, "Impact
 * analysis (issue 18)").
 */
public final class ImpactAnalysis {

    static final int BATCH = 500;
    static final int MAX_LISTED = 1000;
    /** Batches read and sent to the worker whose answers are not compared yet: the next ones are read meanwhile. */
    static final int AHEAD = 3;

    public record ChangedPlan(String id, String before, String after, List<Map<String, String>> criteria) {
    }

    public record Report(int candidate, int inForce, long plans, Map<String, Long> outcomeChanged,
                         Map<String, Map<String, Long>> byCriterion, List<ChangedPlan> changedPlans,
                         long changedPlansTotal, List<String> neverFired, double seconds) {
    }

    /** Told how many plans are judged so far and about how many there are (plans may arrive meanwhile). */
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void judged(long done, long total);
    }

    private final Jdbi jdbi;
    private final RuleSets ruleSets;
    private final ObjectMapper mapper;

    public ImpactAnalysis(Jdbi jdbi, RuleSets ruleSets, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.ruleSets = ruleSets;
        this.mapper = mapper;
    }

    public Report run(int candidateVersion) {
        return run(candidateVersion, Progress.NONE);
    }

    /**
     * Two stages on two threads beside the worker JVM: a reader fetches a batch, works out each plan's verdict under
     * the rules in force and streams the plans to the worker, a few batches ahead; this thread compares the worker's
     * answers with those verdicts in plan order. So the database read, the worker's judging and the comparison
     * overlap, and memory holds at most {@link #AHEAD} batches of verdicts however many plans there are.
     */
    public Report run(int candidateVersion, Progress progress) {
        Instant start = Instant.now();
        RuleSets.InForce inForce = ruleSets.inForce();
        PlanDao plans = jdbi.onDemand(PlanDao.class);
        long total = plans.count(new PlanFilter(null, null, null, null));
        progress.judged(0, total);
        Map<String, Long> outcomes = new LinkedHashMap<>(Map.of("passToFail", 0L, "failToPass", 0L));
        Map<String, Map<String, Long>> byCriterion = new TreeMap<>();
        List<ChangedPlan> changed = new ArrayList<>();
        long count = 0;
        long changedTotal = 0;
        Set<String> never;
        // the candidate is not in force: a worker JVM judges the plans under it, this process only compares
        try (RuleWorkers.Worker candidate = ruleSets.candidate(candidateVersion)) {
            BlockingQueue<Sent> sent = new ArrayBlockingQueue<>(AHEAD);
            Thread reader = new Thread(() -> readAndSend(plans, inForce, candidate, sent), "impact-reader");
            reader.setDaemon(true);
            reader.start();
            try {
                for (Sent batch = take(sent); batch.before() != null; batch = take(sent)) {
                    List<RuleWorkerMain.Judged> now = candidate.receive(batch.before().size());
                    for (int i = 0; i < now.size(); i++) {
                        RuleWorkerMain.Judged j = now.get(i);
                        if (j.failure() != null) {
                            throw new RuleSetRefused(List.of(new th.or.depa.smartcity.engine.RuleError("", 0,
                                    "the candidate failed on plan " + j.id() + ": " + j.failure())));
                        }
                        ChangedPlan diff = compare(j.id(), batch.before().get(i), j.verdict(), outcomes, byCriterion);
                        if (diff != null) {
                            changedTotal++;
                            if (changed.size() < MAX_LISTED) {
                                changed.add(diff);
                            }
                        }
                        count++;
                    }
                    progress.judged(count, Math.max(count, total));
                }
            } finally {
                reader.interrupt();
            }
            never = new TreeSet<>(candidate.checked().ruleLabels()); // workflow rules never fire in an evaluation
            never.removeAll(candidate.fired());
        }
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        return new Report(candidateVersion, inForce.version(), count, outcomes, byCriterion, changed, changedTotal,
                List.copyOf(never), seconds);
    }

    /**
     * A batch handed from the reader to the comparing thread: its plans' verdicts under the rules in force, in the
     * order they were sent; null verdicts end the run, with the reader's failure if it had one.
     */
    private record Sent(List<Verdict> before, RuntimeException failure) {
    }

    private void readAndSend(PlanDao plans, RuleSets.InForce inForce, RuleWorkers.Worker candidate,
                             BlockingQueue<Sent> sent) {
        try {
            String after = "";
            for (List<PlanDao.LatestRevision> batch = plans.latestRevisions(after, BATCH); !batch.isEmpty();
                 batch = plans.latestRevisions(after, BATCH)) {
                List<Verdict> before = before(batch, inForce);
                // queued before it is sent, so that the comparing thread always knows how many answers to wait for
                sent.put(new Sent(before, null));
                if (!candidate.send(batch.stream().map(r -> new RuleWorkerMain.PlanLine(r.id(), r.content())).toList())) {
                    return; // the worker is gone: the comparing thread hears it from the worker's end of the pipe
                }
                after = batch.get(batch.size() - 1).id();
            }
            sent.put(new Sent(null, null));
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt(); // the comparing thread ended first (a failure, or done)
        } catch (RuntimeException e) {
            sent.clear();
            sent.offer(new Sent(null, e));
        }
    }

    private static Sent take(BlockingQueue<Sent> sent) {
        try {
            Sent s = sent.take();
            if (s.failure() != null) {
                throw s.failure();
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the impact analysis was interrupted", e);
        }
    }

    /**
     * The plans under the rules in force: the stored verdict when those very rules (same sha256) made it, since the
     * rules judge the plan's content alone; otherwise judged again here (trusted rules), on every core. The stored
     * verdict is the outcome column and the criterion statuses (V15); the evaluation document only for a row
     * without them.
     */
    private List<Verdict> before(List<PlanDao.LatestRevision> batch, RuleSets.InForce inForce) {
        String sha256 = inForce.rules().sha256();
        JsonFactory json = mapper.getFactory();
        boolean allStored = batch.stream().allMatch(r -> stored(r, sha256));
        return (allStored ? batch.stream() : batch.parallelStream())
                .map(r -> !stored(r, sha256)
                        ? PlanVerdicts.judge(inForce.rules(), read(r.content(), Plan.class)).verdict()
                        : r.criterionStatuses() != null
                                ? new Verdict(r.outcome(), CriterionStatuses.read(r.criterionStatuses()))
                                : Verdict.ofStored(json, r.evaluation()))
                .toList();
    }

    private static boolean stored(PlanDao.LatestRevision r, String sha256) {
        return (r.criterionStatuses() != null || r.evaluation() != null) && sha256.equals(r.ruleSetSha256());
    }

    private static ChangedPlan compare(String id, Verdict before, Verdict after,
                                       Map<String, Long> outcomes,
                                       Map<String, Map<String, Long>> byCriterion) {
        Map<String, String> was = before.statuses();
        Map<String, String> is = after.statuses();
        List<Map<String, String>> criteria = new ArrayList<>();
        for (String cid : new TreeSet<>(union(was.keySet(), is.keySet()))) {
            String b = was.getOrDefault(cid, "ABSENT");
            String a = is.getOrDefault(cid, "ABSENT");
            if (!a.equals(b)) {
                byCriterion.computeIfAbsent(cid, k -> new TreeMap<>()).merge(key(b, a), 1L, Long::sum);
                criteria.add(Map.of("id", cid, "before", b, "after", a));
            }
        }
        boolean outcomeChanged = !before.outcome().equals(after.outcome());
        if (outcomeChanged) {
            outcomes.merge("PASS".equals(before.outcome()) ? "passToFail" : "failToPass", 1L, Long::sum);
        }
        return outcomeChanged || !criteria.isEmpty()
                ? new ChangedPlan(id, before.outcome(), after.outcome(), criteria) : null;
    }

    /** metToNotMet, notMetToMet, metToWarning, absentToMet ... */
    static String key(String before, String after) {
        return camel(before) + "To" + Character.toUpperCase(camel(after).charAt(0)) + camel(after).substring(1);
    }

    private static String camel(String status) {
        String[] parts = status.toLowerCase().split("_");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return b.toString();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    private <T> T read(byte[] json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored " + type.getSimpleName() + " is unreadable", e);
        }
    }
}
