package th.or.depa.smartcity.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.plan.FieldError;
import th.or.depa.smartcity.report.PlanReport;
import th.or.depa.smartcity.report.PlanReportJson;
import th.or.depa.smartcity.report.PlanReportPage;
import th.or.depa.smartcity.report.PlanReportPdf;
import th.or.depa.smartcity.report.PlanReports;

/**
 * GET /api/plans/{id}/report: one plan's decision report as JSON (default), HTML or PDF. Rooted at /api/plans
 * like PlansResource, because JAX-RS does not backtrack between root resources.
 */
@Path("/api/plans")
public class PlanReportResource {

    private static final List<String> FORMATS = List.of("json", "html", "pdf");

    private final PlanReports reports;
    private final PlanReportPage page;
    private final ObjectMapper mapper;
    private final Clock clock;

    public PlanReportResource(PlanReports reports, PlanReportPage page, ObjectMapper mapper, Clock clock) {
        this.reports = reports;
        this.page = page;
        this.mapper = mapper;
        this.clock = clock;
    }

    @GET
    @Path("/{id}/report")
    @Produces({MediaType.APPLICATION_JSON, "text/html; charset=UTF-8", "application/pdf"})
    @PermitAll
    public Response report(@Auth User caller, @PathParam("id") String id, @QueryParam("format") String format)
            throws IOException {
        PlanReport report = reports.find(caller, id).orElseThrow(ApiException::notFound);
        String f = format == null || format.isBlank() ? "json" : format.strip().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) {
            throw new ApiException(422, "format: must be json, html or pdf",
                    List.of(new FieldError("format", "must be json, html or pdf")), null);
        }
        return switch (f) {
            case "html" -> Response.ok(page.render(report, clock.instant()), "text/html; charset=UTF-8").build();
            case "pdf" -> Response.ok(PlanReportPdf.render(page.render(report, clock.instant())), "application/pdf")
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"plan-" + report.details().row().id()
                            + "-report.pdf\"").build();
            default -> Response.ok(mapper.writeValueAsString(PlanReportJson.of(report, mapper)),
                    MediaType.APPLICATION_JSON_TYPE).build();
        };
    }
}
