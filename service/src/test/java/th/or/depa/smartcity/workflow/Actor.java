package th.or.depa.smartcity.workflow;

import th.or.depa.smartcity.facts.Request;

/** Who acts in the workflow rule tests: role, body, chair; the same people for every workflow rule test. */
record Actor(String role, String body, boolean chair) {

    static final Actor CITY = new Actor("CITY", null, false);
    static final Actor OFFICE = new Actor("OFFICE", null, false);
    static final Actor SUB_CHAIR = new Actor("COMMITTEE", "SUBCOMMITTEE", true);
    static final Actor SUB_MEMBER = new Actor("COMMITTEE", "SUBCOMMITTEE", false);
    static final Actor COM_CHAIR = new Actor("COMMITTEE", "COMMITTEE", true);
    static final Actor COM_MEMBER = new Actor("COMMITTEE", "COMMITTEE", false);
    static final Actor REVIEWER = new Actor("REVIEWER", null, false);

    Request ask(String action, String comment) {
        return new Request(action, "me", role, body, chair, true, comment, null);
    }
}
