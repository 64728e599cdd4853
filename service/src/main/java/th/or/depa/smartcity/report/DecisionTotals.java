package th.or.depa.smartcity.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import th.or.depa.smartcity.evaluation.Evaluation;

/**
 * The totals of a decisions report, accumulated one plan at a time while the plans are written: counts by state
 * (only states that occur), province and domain, and per criterion of the latest evaluations how many of the
 * listed plans have it NOT_MET (criteria never unmet count 0). For the HTML charts it also keeps the outcomes per
 * state and per province and the criteria's titles; those are not part of the JSON.
 */
@JsonPropertyOrder({"plans", "byState", "byProvince", "byDomain", "unmetByCriterion"})
public final class DecisionTotals {

    private long plans;
    private final Map<String, Long> byState = new TreeMap<>();
    private final Map<String, Long> byProvince = new TreeMap<>();
    private final Map<String, Long> byDomain = new TreeMap<>();
    private final Map<String, Long> unmetByCriterion = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> outcomesByState = new TreeMap<>();
    private final Map<String, Map<String, Long>> outcomesByProvince = new TreeMap<>();
    private final Map<String, Evaluation.Bilingual> titles = new LinkedHashMap<>();

    public void add(DecisionLine line) {
        plans++;
        count(byState, line.state());
        count(byProvince, line.province());
        line.domains().forEach(d -> count(byDomain, d));
        for (Evaluation.CriterionResult c : line.criteria()) {
            unmetByCriterion.merge(c.id(), "NOT_MET".equals(c.status()) ? 1L : 0L, Long::sum);
            titles.putIfAbsent(c.id(), c.title());
        }
        String outcome = line.outcome() == null ? "NONE" : line.outcome();
        count(outcomesByState.computeIfAbsent(line.state(), k -> new TreeMap<>()), outcome);
        count(outcomesByProvince.computeIfAbsent(line.province(), k -> new TreeMap<>()), outcome);
    }

    private static void count(Map<String, Long> counts, String key) {
        if (key != null) {
            counts.merge(key, 1L, Long::sum);
        }
    }

    public long getPlans() {
        return plans;
    }

    public Map<String, Long> getByState() {
        return byState;
    }

    public Map<String, Long> getByProvince() {
        return byProvince;
    }

    public Map<String, Long> getByDomain() {
        return byDomain;
    }

    public Map<String, Long> getUnmetByCriterion() {
        return unmetByCriterion;
    }

    /** state → outcome (PASS, FAIL) → plans. */
    @JsonIgnore
    public Map<String, Map<String, Long>> outcomesByState() {
        return outcomesByState;
    }

    /** province → outcome (PASS, FAIL) → plans. */
    @JsonIgnore
    public Map<String, Map<String, Long>> outcomesByProvince() {
        return outcomesByProvince;
    }

    /** The criteria unmet at least once, most often first (ties by id), at most limit of them. */
    @JsonIgnore
    public List<Map.Entry<String, Long>> mostOftenUnmet(int limit) {
        return unmetByCriterion.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).toList();
    }

    @JsonIgnore
    public Evaluation.Bilingual title(String criterionId) {
        return titles.get(criterionId);
    }
}
