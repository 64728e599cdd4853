package th.or.depa.smartcity.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.facts.Parameter;
import th.or.depa.smartcity.ruleset.RuleSets;

/** GET /api/criteria: the criteria in force with their thresholds; public, it is what cities plan against. */
@Path("/api/criteria")
@Produces(MediaType.APPLICATION_JSON)
public class CriteriaResource {

    public record CriterionInfo(String id, Evaluation.Bilingual title, boolean mandatory, Map<String, Object> thresholds,
                                String rule) {
    }

    public record Criteria(Evaluation.RuleSetRef ruleSet, List<CriterionInfo> criteria) {
    }

    private final RuleSets ruleSets;

    public CriteriaResource(RuleSets ruleSets) {
        this.ruleSets = ruleSets;
    }

    @GET
    public Criteria criteria() {
        RuleSets.InForce f = ruleSets.inForce();
        Map<String, Parameter> params = f.rules().parameters();
        Texts texts = Texts.of(f.rules().files());
        List<CriterionInfo> list = f.rules().criteria().stream().map(c -> {
            Map<String, Object> thresholds = new LinkedHashMap<>();
            c.parameters().forEach(p -> thresholds.put(p, params.get(p).typedValue()));
            return new CriterionInfo(c.id(), texts.title(c.id()), c.mandatory(),
                    thresholds, f.rules().ruleOf(c.id()));
        }).toList();
        return new Criteria(new Evaluation.RuleSetRef(f.version(), f.rules().sha256()), list);
    }
}
