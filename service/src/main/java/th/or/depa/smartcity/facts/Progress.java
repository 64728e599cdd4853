package th.or.depa.smartcity.facts;

/**
 * A progress report's scalar facts, for the renewal rules (rules/renewal/). elapsedShare is a measurement, not a
 * judgement: the share (0 to 1) of the plan's period (1 January of its start year to 31 December of its end year)
 * gone by on the day of the report. spentToDate and budget are the sums over the plan's services (THB).
 */
public record Progress(double elapsedShare, boolean dataPlatformOperating, String dataPlatformUrl,
                       double spentToDate, Double budget) {
}
