package th.or.depa.smartcity.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Iterator;
import java.util.function.Supplier;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.report.DecisionCsv;
import th.or.depa.smartcity.report.DecisionJson;
import th.or.depa.smartcity.report.DecisionLine;
import th.or.depa.smartcity.report.DecisionPage;
import th.or.depa.smartcity.report.DecisionPdf;
import th.or.depa.smartcity.report.DecisionSeries;
import th.or.depa.smartcity.report.DecisionQuery;
import th.or.depa.smartcity.report.DecisionTotals;
import th.or.depa.smartcity.report.Decisions;

/**
 * GET /api/reports/decisions (api.md, Reports) as JSON, CSV, HTML or PDF. The plans are streamed page by page; the
 * first page (and for HTML the totals, for JSON and HTML the series) is read before the answer starts, so a
 * database outage is still a 503. The PDF is built whole and bounded ({@link DecisionPdf#MAX_PLANS}).
 */
@Path("/api/reports")
public class ReportsResource {

    static final String CSV = "text/csv; charset=UTF-8";
    static final String HTML = "text/html; charset=UTF-8";
    static final String PDF = "application/pdf";

    private final Decisions decisions;
    private final Provinces provinces;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Supplier<Texts> texts;
    private final int maxPdfPlans;

    public ReportsResource(Decisions decisions, Provinces provinces, ObjectMapper mapper, Clock clock,
                           Supplier<Texts> texts) {
        this(decisions, provinces, mapper, clock, texts, DecisionPdf.MAX_PLANS);
    }

    public ReportsResource(Decisions decisions, Provinces provinces, ObjectMapper mapper, Clock clock,
                           Supplier<Texts> texts, int maxPdfPlans) {
        this.maxPdfPlans = maxPdfPlans;
        this.decisions = decisions;
        this.provinces = provinces;
        this.mapper = mapper;
        this.clock = clock;
        this.texts = texts;
    }

    @GET
    @Path("/decisions")
    @Produces({MediaType.APPLICATION_JSON, CSV, HTML, PDF})
    @RolesAllowed({Role.OFFICE_, Role.COMMITTEE_, Role.REVIEWER_, Role.ADMIN_})
    public Response decisions(@Auth User user, @QueryParam("from") String from, @QueryParam("to") String to,
                              @QueryParam("status") String status, @QueryParam("province") String province,
                              @QueryParam("format") String format) {
        DecisionQuery q = DecisionQuery.parse(from, to, status, province, format, provinces);
        return switch (q.format()) {
            case JSON -> {
                DecisionSeries.Series series = decisions.series(q);
                Iterator<DecisionLine> lines = decisions.open(q);
                yield stream(MediaType.APPLICATION_JSON + "; charset=UTF-8",
                        out -> DecisionJson.write(mapper, q, lines, series, out));
            }
            case CSV -> {
                Iterator<DecisionLine> lines = decisions.open(q);
                StreamingOutput body = out -> DecisionCsv.write(lines, out);
                yield Response.ok(body, CSV).header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + DecisionPdf.fileName(q, "csv") + "\"").build();
            }
            case HTML -> {
                DecisionTotals totals = decisions.totals(q);
                DecisionSeries.Series series = decisions.series(q);
                Iterator<DecisionLine> lines = decisions.open(q);
                yield stream(HTML, out -> new DecisionPage(provinces, texts.get()).write(q, totals, series, lines,
                        clock.instant(), out));
            }
            case PDF -> {
                DecisionTotals totals = decisions.totals(q);
                DecisionPdf.checkSize(totals, maxPdfPlans);
                byte[] pdf = render(q, totals);
                yield Response.ok(pdf, PDF).header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + DecisionPdf.fileName(q, "pdf") + "\"").build();
            }
        };
    }

    private static Response stream(String type, StreamingOutput body) {
        return Response.ok(body, type).build();
    }

    private byte[] render(DecisionQuery q, DecisionTotals totals) {
        try {
            return DecisionPdf.render(new DecisionPage(provinces, texts.get()), q, totals, decisions.series(q),
                    decisions, clock.instant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
