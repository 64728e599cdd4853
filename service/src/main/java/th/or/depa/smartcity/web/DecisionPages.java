package th.or.depa.smartcity.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.plan.PlanFormatException;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.report.DecisionCsv;
import th.or.depa.smartcity.report.DecisionLine;
import th.or.depa.smartcity.report.DecisionPage;
import th.or.depa.smartcity.report.DecisionPdf;
import th.or.depa.smartcity.report.DecisionQuery;
import th.or.depa.smartcity.report.DecisionSeries;
import th.or.depa.smartcity.report.DecisionTotals;
import th.or.depa.smartcity.report.Decisions;
import th.or.depa.smartcity.store.UserDao;

/**
 * The decisions report in the web view under /ui/decisions: the page (templates/decisions.mustache: the layout's
 * navigation, the period form, then the report's own body partial, the plans' rows streamed as they are read), its
 * CSV and its PDF. Same sign-in as the other pages; the role is checked here again: the roles the API allows
 * (OFFICE, COMMITTEE, REVIEWER, ADMIN), a CITY is 403. A bad period or filter is a page naming it (422).
 */
// one root path for the page and its two files: a second root resource at /ui would shadow WebResource's pages
@Path("/ui/decisions{file: (\\.csv|\\.pdf)?}")
public class DecisionPages {

    static final Set<Role> READERS = Set.of(Role.OFFICE, Role.COMMITTEE, Role.REVIEWER, Role.ADMIN);

    private final Viewers viewers;
    private final Decisions decisions;
    private final Provinces provinces;
    private final Supplier<Texts> texts;
    private final Clock clock;

    public DecisionPages(Sessions sessions, Jdbi jdbi, Provinces provinces, ObjectMapper mapper, Clock clock,
                         Supplier<Texts> texts, th.or.depa.smartcity.workflow.Certificates certificates) {
        this.viewers = new Viewers(sessions, jdbi.onDemand(UserDao.class));
        this.decisions = new Decisions(jdbi, mapper, certificates);
        this.provinces = provinces;
        this.texts = texts;
        this.clock = clock;
    }

    @GET
    public Response get(@CookieParam(WebResource.COOKIE) String session, @PathParam("file") String file,
                        @QueryParam("from") String from, @QueryParam("to") String to,
                        @QueryParam("status") String status, @QueryParam("province") String province) {
        return switch (file == null ? "" : file) {
            case ".csv" -> csv(session, from, to, status, province);
            case ".pdf" -> pdf(session, from, to, status, province);
            default -> page(session, from, to, status, province);
        };
    }

    private Response page(String session, String from, String to, String status, String province) {
        return reader(session, viewer -> {
            DecisionQuery q = query(from, to, status, province, "html");
            DecisionTotals totals = decisions.totals(q);
            DecisionSeries.Series series = decisions.series(q);
            Iterator<DecisionLine> lines = decisions.open(q);
            Map<String, Object> model = new DecisionPage(provinces, texts.get()).model(q, totals, series, lines,
                    clock.instant());
            model.putAll(frame(viewer));
            model.put("from", q.from() == null ? "" : q.from().toString());
            model.put("to", q.to() == null ? "" : q.to().toString());
            model.put("statusCode", q.status() == null ? "" : q.status());
            model.put("provinceName", q.province() == null ? "" : q.province());
            model.put("query", query(q));
            StreamingOutput body = out -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                Templates.write("decisions", model, w);
                w.flush();
            };
            return WebResponses.secure(Response.ok(body, WebResponses.HTML)).build();
        });
    }

    private Response csv(String session, String from, String to, String status, String province) {
        return reader(session, viewer -> {
            DecisionQuery q = query(from, to, status, province, "csv");
            Iterator<DecisionLine> lines = decisions.open(q);
            StreamingOutput body = out -> DecisionCsv.write(lines, out);
            return Response.ok(body, "text/csv; charset=UTF-8").header(HttpHeaders.CONTENT_DISPOSITION,
                    "attachment; filename=\"" + DecisionPdf.fileName(q, "csv") + "\"")
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        });
    }

    private Response pdf(String session, String from, String to, String status, String province) {
        return reader(session, viewer -> {
            DecisionQuery q = query(from, to, status, province, "pdf");
            DecisionTotals totals = decisions.totals(q);
            DecisionPdf.checkSize(totals, DecisionPdf.MAX_PLANS);
            byte[] pdf;
            try {
                pdf = DecisionPdf.render(new DecisionPage(provinces, texts.get()), q, totals, decisions.series(q),
                        decisions, clock.instant());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Response.ok(pdf, "application/pdf").header(HttpHeaders.CONTENT_DISPOSITION,
                    "attachment; filename=\"" + DecisionPdf.fileName(q, "pdf") + "\"")
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        });
    }

    private DecisionQuery query(String from, String to, String status, String province, String format) {
        return DecisionQuery.parse(blank(from), blank(to), blank(status), blank(province), format, provinces);
    }

    /** The same filters for the CSV and PDF links, URL-encoded (the template escapes the &). */
    static String query(DecisionQuery q) {
        Map<String, String> params = new LinkedHashMap<>();
        if (q.from() != null) {
            params.put("from", q.from().toString());
        }
        if (q.to() != null) {
            params.put("to", q.to().toString());
        }
        if (q.status() != null) {
            params.put("status", q.status());
        }
        if (q.province() != null) {
            params.put("province", q.province());
        }
        StringBuilder s = new StringBuilder();
        params.forEach((k, v) -> s.append(s.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return s.toString();
    }

    /** What the layout needs: title, style sheets, the navigation partial's user and the sign-out form's token. */
    private static Map<String, Object> frame(Viewer viewer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("links", WebPages.links());
        m.put("csrf", viewer.csrf());
        m.put("nav", WebPages.navModel(viewer));
        return m;
    }

    /** Runs the page for a signed-in reader: without a session to sign in, a CITY 403, a bad filter 422. */
    private Response reader(String session, Function<Viewer, Response> page) {
        Optional<Viewer> viewer = viewers.find(session);
        if (viewer.isEmpty()) {
            return WebResponses.redirect("/ui/signin").build();
        }
        Viewer v = viewer.get();
        if (!READERS.contains(v.user().role())) {
            return refused(v, 403, WebMessages.of("web.forbidden"), null);
        }
        try {
            return page.apply(v);
        } catch (PlanFormatException e) {
            return refused(v, e.status(), WebMessages.of("decisions.badQuery"), e);
        }
    }

    private static Response refused(Viewer viewer, int status, th.or.depa.smartcity.evaluation.Evaluation.Bilingual
            message, PlanFormatException e) {
        Map<String, Object> m = frame(viewer);
        th.or.depa.smartcity.evaluation.Evaluation.Bilingual heading = WebMessages.of("web.refused");
        m.put("title", Templates.plain(heading));
        m.put("heading", th.or.depa.smartcity.report.Html.both(heading));
        m.put("message", th.or.depa.smartcity.report.Html.both(message));
        m.put("errors", e == null ? java.util.List.of() : e.errors());
        m.put("hasErrors", e != null && !e.errors().isEmpty());
        return WebResponses.html(status, Templates.render("decisions-refused", m));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
