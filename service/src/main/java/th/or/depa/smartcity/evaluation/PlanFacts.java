package th.or.depa.smartcity.evaluation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import th.or.depa.smartcity.facts.Domain;
import th.or.depa.smartcity.facts.Funding;
import th.or.depa.smartcity.facts.Kpi;
import th.or.depa.smartcity.facts.Service;
import th.or.depa.smartcity.facts.Text;
import th.or.depa.smartcity.plan.Plan;

/** Turns a validated plan into the flat facts rules read. It copies and counts; it never judges. */
public final class PlanFacts {

    private PlanFacts() {
    }

    public static List<Object> of(Plan p) {
        List<Object> facts = new ArrayList<>();
        facts.add(planFact(p));
        List<Plan.DomainPlan> domains = orEmpty(p.domains());
        for (int d = 0; d < domains.size(); d++) {
            Plan.DomainPlan dp = domains.get(d);
            List<Plan.Service> services = orEmpty(dp.services());
            facts.add(new Domain(dp.domain(), services.size()));
            for (int s = 0; s < services.size(); s++) {
                Plan.Service sv = services.get(s);
                String path = "domains[" + d + "].services[" + s + "]";
                List<Plan.Kpi> kpis = orEmpty(sv.kpis());
                facts.add(new Service(path, dp.domain(), sv.name(), num(sv.budgetThb()), sv.startYear(), sv.endYear(),
                        kpis.size()));
                for (int k = 0; k < kpis.size(); k++) {
                    Plan.Kpi kpi = kpis.get(k);
                    facts.add(new Kpi(path + ".kpis[" + k + "]", path, kpi.name(), kpi.unit(), num(kpi.baseline()),
                            num(kpi.target()), kpi.targetYear()));
                }
            }
        }
        Optional.ofNullable(p.finance()).map(Plan.Finance::sources).orElse(List.of())
                .forEach(f -> facts.add(new Funding(f.source(), num(f.amountThb()))));
        return facts;
    }

    private static th.or.depa.smartcity.facts.Plan planFact(Plan p) {
        Plan.City city = p.city();
        List<String> goals = orEmpty(p.goals());
        return new th.or.depa.smartcity.facts.Plan(
                city.kind(), city.province(), num(city.areaKm2()), city.population(),
                p.vision(), Text.visibleLength(p.vision()),
                goals, (int) goals.stream().filter(g -> !Text.isBlank(g)).count(),
                get(p.period(), Plan.Period::startYear), get(p.period(), Plan.Period::endYear),
                orEmpty(get(p.infrastructure(), Plan.Infrastructure::digital)),
                get(p.dataPlatform(), Plan.DataPlatform::status),
                get(p.dataPlatform(), Plan.DataPlatform::openData),
                get(p.dataPlatform(), Plan.DataPlatform::dataGovernance),
                get(p.dataPlatform(), Plan.DataPlatform::privacyCompliance),
                get(p.dataPlatform(), Plan.DataPlatform::cybersecurity),
                get(p.dataPlatform(), Plan.DataPlatform::datasets),
                get(p.participation(), Plan.Participation::hearings),
                get(p.participation(), Plan.Participation::participants),
                orEmpty(get(p.participation(), Plan.Participation::sectors)),
                get(p.management(), Plan.Management::body),
                get(p.management(), Plan.Management::established),
                num(get(p.finance(), Plan.Finance::totalBudgetThb)),
                get(p.finance(), Plan.Finance::sustainability));
    }

    private static <T, R> R get(T parent, Function<T, R> field) {
        return parent == null ? null : field.apply(parent);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Double num(BigDecimal d) {
        return d == null ? null : d.doubleValue();
    }
}
