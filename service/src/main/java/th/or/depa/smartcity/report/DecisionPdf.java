package th.or.depa.smartcity.report;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import th.or.depa.smartcity.plan.FieldError;
import th.or.depa.smartcity.plan.PlanFormatException;

/**
 * The decisions report as PDF: the standalone page rendered whole by {@link PlanReportPdf#render}. A PDF is built in
 * memory, so it is bounded: more than {@link #MAX_PLANS} plans in the period is a 422 naming format, asking for a
 * shorter period or a filter (the CSV and the HTML page stream any number of plans).
 */
public final class DecisionPdf {

    /** About 200 landscape pages of rows; rendering takes seconds and tens of megabytes at this size. */
    public static final int MAX_PLANS = 2000;

    private DecisionPdf() {
    }

    /** A 422 naming format when the period holds more plans than max. */
    public static void checkSize(DecisionTotals totals, int max) {
        if (totals.getPlans() > max) {
            throw new PlanFormatException(422, List.of(new FieldError("format", "a PDF holds at most " + max
                    + " plans and this period has " + totals.getPlans()
                    + ": narrow the period (from, to) or filter by status or province, or use csv or html")));
        }
    }

    public static byte[] render(DecisionPage page, DecisionQuery q, DecisionTotals totals,
                                DecisionSeries.Series series, Decisions decisions, Instant now) throws IOException {
        return PlanReportPdf.render(page.pdfXhtml(q, totals, series, decisions.open(q), now));
    }

    /** The attachment's file name for the period. */
    public static String fileName(DecisionQuery q, String extension) {
        return "decisions" + (q.from() == null ? "" : "-from-" + q.from()) + (q.to() == null ? "" : "-to-" + q.to())
                + "." + extension;
    }
}
