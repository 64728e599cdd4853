package th.or.depa.smartcity.submission;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.evaluation.PlanEvaluator;
import th.or.depa.smartcity.facts.PlanStatus;
import th.or.depa.smartcity.facts.Request;
import th.or.depa.smartcity.history.EventLog;
import th.or.depa.smartcity.history.NewEvent;
import th.or.depa.smartcity.plan.Plan;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.plan.PlanService;
import th.or.depa.smartcity.plan.PlanService.PlanDetails;
import th.or.depa.smartcity.plan.ProvinceCheck;
import th.or.depa.smartcity.ruleset.RuleSets;
import th.or.depa.smartcity.store.EvaluationRow;
import th.or.depa.smartcity.store.PlanRow;
import th.or.depa.smartcity.store.PlanRowState;
import th.or.depa.smartcity.store.StoredJson;
import th.or.depa.smartcity.workflow.Workflow;

/**
 * A new plan judged and decided in memory, with no connection held: read and validated, checked against the
 * submitter's province, evaluated by the rules in force, placed by the workflow rules, and its first two events
 * signed over the plan row about to be inserted (so that nothing is read back or updated after the write).
 */
final class Judge {

    /** A judged submission: the plan as the API shows it, what is stored of it, and its signed first events. */
    record Judged(PlanDetails details, String content, EvaluationRow evaluation, EventLog.Opening record) {
    }

    private final PlanReader reader;
    private final ProvinceCheck provinceCheck;
    private final PlanEvaluator evaluator;
    private final RuleSets ruleSets;
    private final EventLog eventLog;
    private final ObjectMapper mapper;
    private final Clock clock;

    Judge(PlanReader reader, ProvinceCheck provinceCheck, PlanEvaluator evaluator, RuleSets ruleSets,
          EventLog eventLog, ObjectMapper mapper, Clock clock) {
        this.reader = reader;
        this.provinceCheck = provinceCheck;
        this.evaluator = evaluator;
        this.ruleSets = ruleSets;
        this.eventLog = eventLog;
        this.mapper = mapper;
        this.clock = clock;
    }

    Judged judge(User city, byte[] body) {
        Plan plan = reader.read(body);
        provinceCheck.check(city, plan);
        RuleSets.InForce rules = ruleSets.inForce();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String planId = UUID.randomUUID().toString();
        Evaluation evaluation = evaluator.evaluate(rules.rules(), rules.version(), plan)
                .forPlan(UUID.randomUUID().toString(), planId, 1);
        String state = Workflow.decide(rules, List.of(
                new Request("SUBMIT", city.id(), city.role().name(), city.body(), false, true, null, null),
                new PlanStatus(null, plan.city().kind(), evaluation.outcome())));
        PlanRow row = new PlanRow(planId, city.organisation(), city.id(), plan.reference(), plan.city().name(),
                plan.city().nameTh(), plan.city().province(), plan.city().kind(), 1, state, evaluation.outcome(),
                evaluation.id(), null, now, now, 0, 0);
        EvaluationRow stored = PlanService.evaluationRow(mapper, evaluation, rules);
        EventLog.Opening record = eventLog.open(planId, new PlanRowState(state, 1, evaluation.outcome(),
                evaluation.id(), null, 0, stored.result()),
                new NewEvent("SUBMITTED", city, now, null, null, null, rules.version(), rules.rules().sha256(),
                        StoredJson.write(mapper, Map.of("revision", 1))),
                new NewEvent("EVALUATED", city, now, null, state, null, rules.version(), rules.rules().sha256(),
                        StoredJson.write(mapper, Map.of("evaluationId", evaluation.id(), "revision", 1,
                                "outcome", evaluation.outcome()))));
        return new Judged(new PlanDetails(row, mapper.valueToTree(plan), evaluation), StoredJson.write(mapper, plan),
                stored, record);
    }
}
