package th.or.depa.smartcity.evaluation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import th.or.depa.smartcity.engine.CompiledRuleSet;
import th.or.depa.smartcity.facts.CertifiedDomain;
import th.or.depa.smartcity.facts.KpiProgress;
import th.or.depa.smartcity.facts.Progress;
import th.or.depa.smartcity.facts.ServiceProgress;
import th.or.depa.smartcity.plan.Plan;
import th.or.depa.smartcity.plan.ProgressReport;

/**
 * Judges a progress report with the renewal criteria (rules/renewal/) into an evaluation of the same shape as a
 * plan's. The facts are copies and measurements (elapsed share of the plan period, distance covered per KPI); the
 * judging is the rules'.
 */
public final class RenewalEvaluator {

    private final PlanEvaluator evaluator;

    public RenewalEvaluator(PlanEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** Null when the rule set has no renewal criteria (a rule set written before renewals). */
    public Evaluation evaluate(CompiledRuleSet rules, Integer version, Plan plan, ProgressReport report,
                               List<String> certifiedDomains, LocalDate today) {
        return evaluate(rules, version, facts(plan, report, certifiedDomains, today), false);
    }

    public Evaluation evaluate(CompiledRuleSet rules, Integer version, List<Object> facts, boolean strict) {
        PlanEvaluator.Traced traced = evaluateTraced(rules, version, facts, rules.parameters(), strict);
        return traced == null ? null : traced.evaluation();
    }

    /** With the rules that fired and, strict (rule tests), every reason whose template could not be filled. */
    public PlanEvaluator.Traced evaluateTraced(CompiledRuleSet rules, Integer version, List<Object> facts,
                                               Map<String, th.or.depa.smartcity.facts.Parameter> params,
                                               boolean strict) {
        return evaluator.observed(() -> rules.renew(facts, params),
                run -> evaluator.assemble(rules, version, run, rules.renewalCriteria(), rules::renewalRuleOf, strict));
    }

    public static List<Object> facts(Plan plan, ProgressReport report, List<String> certifiedDomains,
                                     LocalDate today) {
        Map<String, Plan.Kpi> kpis = new HashMap<>();
        Map<String, Plan.Service> services = new HashMap<>();
        Map<String, String> domainOf = new HashMap<>();
        for (Plan.DomainPlan d : orEmpty(plan.domains())) {
            for (Plan.Service s : orEmpty(d.services())) {
                services.putIfAbsent(s.name(), s);
                domainOf.putIfAbsent(s.name(), d.domain());
                orEmpty(s.kpis()).forEach(k -> kpis.putIfAbsent(k.name(), k));
            }
        }
        List<Object> facts = new ArrayList<>();
        BigDecimal spent = BigDecimal.ZERO;
        BigDecimal budget = BigDecimal.ZERO;
        boolean budgetKnown = true;
        for (ProgressReport.ServiceStatus s : report.services()) {
            Plan.Service planned = services.get(s.service());
            spent = spent.add(s.spentToDate());
            if (planned == null || planned.budgetThb() == null) {
                budgetKnown = false;
            } else {
                budget = budget.add(planned.budgetThb());
            }
            facts.add(new ServiceProgress(s.service(), domainOf.get(s.service()), s.status(),
                    s.spentToDate().doubleValue(), planned == null ? null : num(planned.budgetThb())));
        }
        for (ProgressReport.KpiAchieved k : report.kpis()) {
            Plan.Kpi planned = kpis.get(k.kpi());
            Double baseline = planned == null ? null : num(planned.baseline());
            Double target = planned == null ? null : num(planned.target());
            Double share = baseline == null || target == null || baseline.equals(target) ? null
                    : (k.achieved().doubleValue() - baseline) / (target - baseline);
            facts.add(new KpiProgress(k.kpi(), baseline, target, k.achieved().doubleValue(), k.year(), share));
        }
        certifiedDomains.forEach(d -> facts.add(new CertifiedDomain(d)));
        facts.add(0, new Progress(elapsedShare(plan, today), report.dataPlatform().operating(),
                report.dataPlatform().url(), spent.doubleValue(), budgetKnown ? budget.doubleValue() : null));
        return facts;
    }

    /** The share (0 to 1) of the plan period, 1 January of its start year to 31 December of its end year, gone by. */
    static double elapsedShare(Plan plan, LocalDate today) {
        if (plan.period() == null || plan.period().startYear() == null || plan.period().endYear() == null) {
            return 1.0;
        }
        LocalDate start = LocalDate.of(plan.period().startYear(), 1, 1);
        LocalDate end = LocalDate.of(plan.period().endYear(), 12, 31).plusDays(1);
        long total = ChronoUnit.DAYS.between(start, end);
        long gone = ChronoUnit.DAYS.between(start, today);
        return total <= 0 ? 1.0 : Math.max(0.0, Math.min(1.0, (double) gone / total));
    }

    private static Double num(BigDecimal d) {
        return d == null ? null : d.doubleValue();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
