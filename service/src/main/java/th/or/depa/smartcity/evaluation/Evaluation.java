package th.or.depa.smartcity.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The evaluation result of api.md: one entry per criterion in force, the outcome, and the rule set that decided. */
public record Evaluation(
        String id,
        String planId,
        Integer revision,
        RuleSetRef ruleSet,
        String outcome,
        List<CriterionResult> criteria,
        Summary summary,
        Instant evaluatedAt) {

    public record RuleSetRef(Integer version, String sha256) {
    }

    public record Bilingual(String en, String th) {
    }

    public record CriterionResult(String id, Bilingual title, boolean mandatory, String status, Bilingual reason,
                                  Map<String, Object> facts, String rule) {
    }

    public record Summary(int met, int notMet, int warnings) {
    }

    public Evaluation forPlan(String newId, String newPlanId, Integer newRevision) {
        return new Evaluation(newId, newPlanId, newRevision, ruleSet, outcome, criteria, summary, evaluatedAt);
    }

    public List<String> idsWithStatus(String status) {
        return criteria.stream().filter(c -> c.status().equals(status)).map(CriterionResult::id).toList();
    }
}
