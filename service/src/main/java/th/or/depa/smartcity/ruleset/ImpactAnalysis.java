package th.or.depa.smartcity.ruleset;

import th.or.depa.smartcity.engine.CompiledRuleSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.evaluation.PlanEvaluator;
import th.or.depa.smartcity.plan.Plan;
import th.or.depa.smartcity.store.PlanDao;
import th.or.depa.smartcity.store.PlanFilter;

/**
 * What a candidate rule set would change: every stored plan's latest revision evaluated under the candidate beside
 * the rules in force, read in batches so that memory stays flat however many plans there are.
 */
public final class ImpactAnalysis {

    static final int BATCH = 500;
    static final int MAX_LISTED = 1000;

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
    private final PlanEvaluator evaluator;
    private final ObjectMapper mapper;

    public ImpactAnalysis(Jdbi jdbi, RuleSets ruleSets, PlanEvaluator evaluator, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.ruleSets = ruleSets;
        this.evaluator = evaluator;
        this.mapper = mapper;
    }

    public Report run(int candidateVersion) {
        return run(candidateVersion, Progress.NONE);
    }

    public Report run(int candidateVersion, Progress progress) {
        Instant start = Instant.now();
        RuleSets.InForce inForce = ruleSets.inForce();
        PlanDao plans = jdbi.onDemand(PlanDao.class);
        long total = plans.count(new PlanFilter(null, null, null, null));
        progress.judged(0, total);
        Map<String, Long> outcomes = new LinkedHashMap<>(Map.of("passToFail", 0L, "failToPass", 0L));
        Map<String, Map<String, Long>> byCriterion = new TreeMap<>();
        List<ChangedPlan> changed = new ArrayList<>();
        Set<String> fired = new HashSet<>();
        long count = 0;
        long changedTotal = 0;
        String after = "";
        Set<String> never;
        // the candidate is not in force: a worker JVM judges the plans under it, this process only compares
        try (RuleWorkers.Worker candidate = ruleSets.candidate(candidateVersion)) {
            for (List<PlanDao.LatestRevision> batch = plans.latestRevisions(after, BATCH); !batch.isEmpty();
                 batch = plans.latestRevisions(after, BATCH)) {
                candidate.send(batch.stream().map(r -> new RuleWorkerMain.PlanLine(r.id(), r.content())).toList());
                // meanwhile the rules in force, on every core; counting stays on this thread, in plan order
                List<Evaluation> before = batch.parallelStream().map(r -> before(r, inForce)).toList();
                List<RuleWorkerMain.Judged> now = candidate.receive(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    RuleWorkerMain.Judged j = now.get(i);
                    if (j.failure() != null) {
                        throw new RuleSetRefused(List.of(new th.or.depa.smartcity.engine.RuleError("", 0,
                                "the candidate failed on plan " + j.id() + ": " + j.failure())));
                    }
                    ChangedPlan diff = compare(j.id(), RuleWorkerMain.Verdict.of(before.get(i)), j.verdict(), outcomes,
                            byCriterion);
                    if (diff != null) {
                        changedTotal++;
                        if (changed.size() < MAX_LISTED) {
                            changed.add(diff);
                        }
                    }
                    count++;
                }
                after = batch.get(batch.size() - 1).id();
                progress.judged(count, Math.max(count, total));
            }
            never = new TreeSet<>(candidate.checked().ruleLabels()); // workflow rules never fire in an evaluation
            fired.addAll(candidate.fired());
        }
        never.removeAll(fired);
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        return new Report(candidateVersion, inForce.version(), count, outcomes, byCriterion, changed, changedTotal,
                List.copyOf(never), seconds);
    }

    /**
     * A plan under the rules in force: the stored evaluation when those very rules (same sha256) made it, since the
     * rules judge the plan's content alone.
     */
    private Evaluation before(PlanDao.LatestRevision r, RuleSets.InForce inForce) {
        return r.evaluation() != null && inForce.rules().sha256().equals(r.ruleSetSha256())
                ? read(r.evaluation(), Evaluation.class)
                : evaluator.evaluate(inForce.rules(), inForce.version(), read(r.content(), Plan.class));
    }

    private static ChangedPlan compare(String id, RuleWorkerMain.Verdict before, RuleWorkerMain.Verdict after,
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

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored " + type.getSimpleName() + " is unreadable", e);
        }
    }
}
