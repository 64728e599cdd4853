package th.or.depa.smartcity.plan;

import java.util.Set;

/** The states a plan can be in (workflow.md), for the filters that name one. */
public final class PlanStates {

    public static final Set<String> ALL = Set.of("NOT_ELIGIBLE", "SCREENING", "REVISION_REQUESTED",
            "SUBCOMMITTEE_REVIEW", "COMMITTEE_REVIEW", "CERTIFIED", "REJECTED", "WITHDRAWN", "REVOKED", "EXPIRED",
            "RENEWAL_SCREENING", "RENEWAL_REVISION_REQUESTED", "RENEWAL_SUBCOMMITTEE_REVIEW", "RENEWAL_COMMITTEE_REVIEW");

    private PlanStates() {
    }
}
