package th.or.depa.smartcity.plan;

import java.math.BigDecimal;
import java.util.List;

/**
 * A certified city's progress report, submitted with a renewal (README "Renewal"): per KPI of the certified plan the
 * value achieved and its year, per service its status and spend to date (THB), the data platform, a note.
 */
public record ProgressReport(List<KpiAchieved> kpis, List<ServiceStatus> services, DataPlatform dataPlatform,
                             String note) {

    public static final List<String> SERVICE_STATUSES = List.of("DELIVERED", "IN_PROGRESS", "DROPPED");

    public record KpiAchieved(String kpi, BigDecimal achieved, int year) {
    }

    public record ServiceStatus(String service, String status, BigDecimal spentToDate) {
    }

    public record DataPlatform(boolean operating, String url) {
    }
}
