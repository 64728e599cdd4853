package th.or.depa.smartcity.report;

import com.codahale.metrics.health.HealthCheck;

/** Healthy either way, but says which renderer makes PDFs: the fallback's Thai marks are unshaped. */
public final class PdfHealthCheck extends HealthCheck {

    @Override
    protected Result check() {
        return Result.healthy("pdf: " + PlanReportPdf.renderer().describe());
    }
}
