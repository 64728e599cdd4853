package th.or.depa.smartcity.facts;

/** One service of a domain; path is its place in the plan (domains[0].services[1]), kpis how many KPIs it lists. */
public record Service(String path, String domain, String name, Double budget, Integer startYear, Integer endYear,
                      int kpis) {
}
