package th.or.depa.smartcity.facts;

/** One KPI; service is the path of the service it belongs to. unitName is the plan's "unit": "unit" is a keyword of the executable model's constraint parser. */
public record Kpi(String path, String service, String name, String unitName, Double baseline, Double target,
                  Integer targetYear) {
}
