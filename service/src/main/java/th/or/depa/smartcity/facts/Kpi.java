package th.or.depa.smartcity.facts;

/** One KPI; service is the path of the service it belongs to. */
public record Kpi(String path, String service, String name, String unit, Double baseline, Double target,
                  Integer targetYear) {
}
