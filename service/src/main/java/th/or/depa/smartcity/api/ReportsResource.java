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
import th.or.depa.smartcity.report.DecisionQuery;
import th.or.depa.smartcity.report.DecisionTotals;
import th.or.depa.smartcity.report.Decisions;

/**
 * GET /api/reports/decisions (api.md, Reports) as JSON, CSV or HTML. The plans are streamed page by page; the
 * first page (and for HTML the totals) is read before the answer starts, so a database outage is still a 503.
 */
@Path("/api/reports")
public class ReportsResource {

    static final String CSV = "text/csv; charset=UTF-8";
    static final String HTML = "text/html; charset=UTF-8";

    private final Decisions decisions;
    private final Provinces provinces;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Supplier<Texts> texts;

    public ReportsResource(Decisions decisions, Provinces provinces, ObjectMapper mapper, Clock clock,
                           Supplier<Texts> texts) {
        this.decisions = decisions;
        this.provinces = provinces;
        this.mapper = mapper;
        this.clock = clock;
        this.texts = texts;
    }

    @GET
    @Path("/decisions")
    @Produces({MediaType.APPLICATION_JSON, CSV, HTML})
    @RolesAllowed({Role.OFFICE_, Role.COMMITTEE_, Role.REVIEWER_, Role.ADMIN_})
    public Response decisions(@Auth User user, @QueryParam("from") String from, @QueryParam("to") String to,
                              @QueryParam("status") String status, @QueryParam("province") String province,
                              @QueryParam("format") String format) {
        DecisionQuery q = DecisionQuery.parse(from, to, status, province, format, provinces);
        return switch (q.format()) {
            case JSON -> {
                Iterator<DecisionLine> lines = decisions.open(q);
                yield stream(MediaType.APPLICATION_JSON + "; charset=UTF-8", out -> DecisionJson.write(mapper, q, lines, out));
            }
            case CSV -> {
                Iterator<DecisionLine> lines = decisions.open(q);
                StreamingOutput body = out -> DecisionCsv.write(lines, out);
                yield Response.ok(body, CSV).header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + fileName(q) + ".csv\"").build();
            }
            case HTML -> {
                DecisionTotals totals = decisions.totals(q);
                Iterator<DecisionLine> lines = decisions.open(q);
                yield stream(HTML, out -> new DecisionPage(provinces, texts.get()).write(q, totals, lines, clock.instant(), out));
            }
        };
    }

    private static Response stream(String type, StreamingOutput body) {
        return Response.ok(body, type).build();
    }

    private static String fileName(DecisionQuery q) {
        return "decisions" + (q.from() == null ? "" : "-from-" + q.from()) + (q.to() == null ? "" : "-to-" + q.to());
    }
}
