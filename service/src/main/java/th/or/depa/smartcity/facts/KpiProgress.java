package th.or.depa.smartcity.facts;

/**
 * One KPI of a progress report beside the plan's own: kpi is its name as the plan gives it. progressShare measures how
 * far from baseline towards target the achieved value is (1 = target reached, negative = went the wrong way); null
 * when the plan gives no baseline or target, or both are equal.
 */
public record KpiProgress(String kpi, Double baseline, Double target, double achieved, int year,
                          Double progressShare) {
}
