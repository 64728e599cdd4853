package th.or.depa.smartcity.facts;

/** Derived by rules/workflow/bodies.drl: the body (SUBCOMMITTEE or COMMITTEE) now reviewing the plan. */
public record Reviewing(String body) {
}
