package th.or.depa.smartcity.report;

import th.or.depa.smartcity.store.StoredJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.plan.PlanService;
import th.or.depa.smartcity.store.EventRow;
import th.or.depa.smartcity.workflow.WorkflowService;

/** Gathers one plan's decision report for a caller who may see the plan (a CITY: only its own). */
public final class PlanReports {

    private final PlanService plans;
    private final WorkflowService workflow;
    private final ObjectMapper mapper;

    public PlanReports(PlanService plans, WorkflowService workflow, ObjectMapper mapper) {
        this.plans = plans;
        this.workflow = workflow;
        this.mapper = mapper;
    }

    public Optional<PlanReport> find(User caller, String planId) {
        return plans.find(caller, planId).map(details -> {
            WorkflowService.History history = workflow.history(caller, planId);
            List<JsonNode> tallies = history.events().stream().filter(e -> "TALLY".equals(e.type()))
                    .map(EventRow::data).map(d -> StoredJson.read(mapper, d)).filter(t -> t != null).toList();
            Evaluation ev = details.evaluation();
            return new PlanReport(details, plans.certificate(details.row()), history.events(),
                    history.chainVerified(), tallies, ev == null ? null : ev.ruleSet());
        });
    }
}
