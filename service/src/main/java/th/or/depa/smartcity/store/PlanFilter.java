package th.or.depa.smartcity.store;

/**
 * Filters of GET /api/plans; a null field does not filter. org is set for a CITY caller; search is a LIKE pattern
 * over the plan's normalised search text (SearchText.pattern).
 */
public record PlanFilter(String org, String state, String province, String kind, String search) {

    public PlanFilter(String org, String state, String province, String kind) {
        this(org, state, province, kind, null);
    }

    /** The same filters for one organisation only (a CITY caller sees its own plans). */
    public PlanFilter forOrganisation(String organisation) {
        return new PlanFilter(organisation, state, province, kind, search);
    }
}
