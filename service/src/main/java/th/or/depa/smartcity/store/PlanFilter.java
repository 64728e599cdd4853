package th.or.depa.smartcity.store;

/** Filters of GET /api/plans; a null field does not filter. org is set for a CITY caller. */
public record PlanFilter(String org, String state, String province, String kind) {
}
