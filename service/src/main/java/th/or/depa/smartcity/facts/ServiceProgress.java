package th.or.depa.smartcity.facts;

/** One service of a progress report: its name and domain as the plan gives them, DELIVERED, IN_PROGRESS or DROPPED. */
public record ServiceProgress(String service, String domain, String status, double spentToDate, Double budget) {
}
