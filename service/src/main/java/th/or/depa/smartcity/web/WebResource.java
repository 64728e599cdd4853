package th.or.depa.smartcity.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.api.ApiException;
import th.or.depa.smartcity.api.PlanQuery;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.auth.Tokens;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;
import th.or.depa.smartcity.plan.PlanService;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.report.DecisionCsv;
import th.or.depa.smartcity.report.DecisionLine;
import th.or.depa.smartcity.report.DecisionPage;
import th.or.depa.smartcity.report.DecisionQuery;
import th.or.depa.smartcity.report.DecisionTotals;
import th.or.depa.smartcity.report.Decisions;
import th.or.depa.smartcity.report.PlanReport;
import th.or.depa.smartcity.report.PlanReportPage;
import th.or.depa.smartcity.report.PlanReportPdf;
import th.or.depa.smartcity.report.PlanReports;
import th.or.depa.smartcity.store.UserDao;
import th.or.depa.smartcity.workflow.WorkflowService;

/**
 * The web view for the office and the committee under /ui: sign in once with a token (then an HttpOnly, Secure,
 * SameSite=Strict session cookie), the plans, one plan's report, the decisions report and the PDF. Thin: sessions in
 * {@link Sessions}, pages in {@link WebPages}, the reports from the report package. The user is read again on every
 * request by the hash of the token they signed in with, so a revoked token or user is signed out at once.
 */
@Path("/ui")
public class WebResource {

    static final String COOKIE = "sc_session";
    private static final String HTML = "text/html; charset=UTF-8";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> STATIC = Map.of("app.css", "/web/app.css", "app.js", "/web/app.js",
            "report.css", "/report/report.css");

    private final Sessions sessions;
    private final UserDao users;
    private final PlanService plans;
    private final PlanQuery queries;
    private final PlanReports reports;
    private final PlanReportPage reportPage;
    private final Decisions decisions;
    private final Provinces provinces;
    private final WebPages pages;
    private final Clock clock;

    public WebResource(Sessions sessions, Jdbi jdbi, PlanService plans, WorkflowService workflow, Provinces provinces,
                       ObjectMapper mapper, Clock clock) {
        this.sessions = sessions;
        this.users = jdbi.onDemand(UserDao.class);
        this.plans = plans;
        this.queries = new PlanQuery(provinces);
        this.reports = new PlanReports(plans, workflow, mapper);
        this.reportPage = new PlanReportPage(provinces);
        this.decisions = new Decisions(jdbi, mapper);
        this.provinces = provinces;
        this.pages = new WebPages(provinces);
        this.clock = clock;
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/ui/plans")).build();
    }

    @GET
    @Path("/signin")
    public Response signInForm() {
        return html(200, pages.signIn(null));
    }

    @POST
    @Path("/signin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("token") String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return html(401, pages.signIn(new Bilingual("The token is not valid.", "โทเค็นไม่ถูกต้อง")));
        }
        String hash = Tokens.hash(token.strip());
        Optional<User> user = users.findByTokenHash(hash).map(WebResource::user);
        if (user.isEmpty()) {
            return html(401, pages.signIn(new Bilingual("The token is not valid.", "โทเค็นไม่ถูกต้อง")));
        }
        if (user.get().role() == Role.CITY) {
            return html(403, pages.signIn(new Bilingual("The web view is for the office and the committee; cities use the API.",
                    "หน้าเว็บนี้สำหรับสำนักงานและคณะกรรมการ เมืองใช้ API")));
        }
        String id = sessions.open(user.get().id(), hash);
        return Response.seeOther(URI.create("/ui/plans")).header(HttpHeaders.SET_COOKIE, cookie(id, Sessions.TTL.toSeconds()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @POST
    @Path("/signout")
    public Response signOut(@CookieParam(COOKIE) String session) {
        sessions.close(session);
        return Response.seeOther(URI.create("/ui/signin")).header(HttpHeaders.SET_COOKIE, cookie("", 0)).build();
    }

    @GET
    @Path("/plans")
    public Response plans(@CookieParam(COOKIE) String session, @QueryParam("status") String status,
                          @QueryParam("province") String province, @QueryParam("offset") String offset) {
        return signedIn(session, user -> {
            String st = blank(status);
            String pr = blank(province);
            PlanQuery.Parsed q = queries.parse(st, pr, null, "50", blank(offset));
            PlanService.Page page = plans.list(user, q.filter(), q.limit(), q.offset());
            return html(200, pages.plans(user, page.items(), page.total(), st, q.filter().province(), q.offset(), q.limit()));
        });
    }

    @GET
    @Path("/plans/{id}")
    public Response plan(@CookieParam(COOKIE) String session, @PathParam("id") String id) {
        return signedIn(session, user -> {
            PlanReport r = reports.find(user, id).orElseThrow(ApiException::notFound);
            String full = reportPage.render(r, clock.instant());
            int start = full.indexOf('>', full.indexOf("<body")) + 1;
            int end = full.lastIndexOf("</body>");
            var p = r.details().row();
            return html(200, pages.plan(user, p.id(), (p.cityTh() == null ? p.city() : p.cityTh()) + " / " + p.city(),
                    full.substring(start, end)));
        });
    }

    @GET
    @Path("/plans/{id}/report.pdf")
    public Response pdf(@CookieParam(COOKIE) String session, @PathParam("id") String id) {
        return signedIn(session, user -> {
            PlanReport r = reports.find(user, id).orElseThrow(ApiException::notFound);
            byte[] pdf;
            try {
                pdf = PlanReportPdf.render(reportPage.render(r, clock.instant()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Response.ok(pdf, "application/pdf").header(HttpHeaders.CONTENT_DISPOSITION,
                    "attachment; filename=\"plan-" + r.details().row().id() + "-report.pdf\"")
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        });
    }

    @GET
    @Path("/decisions")
    public Response decisions(@CookieParam(COOKIE) String session, @QueryParam("from") String from,
                              @QueryParam("to") String to, @QueryParam("status") String status,
                              @QueryParam("province") String province) {
        return signedIn(session, user -> {
            DecisionQuery q = DecisionQuery.parse(blank(from), blank(to), blank(status), blank(province), "html", provinces);
            DecisionTotals totals = decisions.totals(q);
            Iterator<DecisionLine> lines = decisions.open(q);
            String top = WebPages.decisionsTop(user, blank(from), blank(to), q.status(), q.province());
            StreamingOutput body = out -> {
                Splice splice = new Splice(out, "<body class=\"decisions\">", "<body class=\"decisions lang-th\">",
                        WebPages.links(), top);
                new DecisionPage(provinces).write(q, totals, lines, clock.instant(), splice);
                splice.close();
            };
            return secure(Response.ok(body, HTML)).build();
        });
    }

    @GET
    @Path("/decisions.csv")
    public Response decisionsCsv(@CookieParam(COOKIE) String session, @QueryParam("from") String from,
                                 @QueryParam("to") String to, @QueryParam("status") String status,
                                 @QueryParam("province") String province) {
        return signedIn(session, user -> {
            DecisionQuery q = DecisionQuery.parse(blank(from), blank(to), blank(status), blank(province), "csv", provinces);
            Iterator<DecisionLine> lines = decisions.open(q);
            StreamingOutput body = out -> DecisionCsv.write(lines, out);
            return Response.ok(body, "text/csv; charset=UTF-8").header(HttpHeaders.CONTENT_DISPOSITION,
                    "attachment; filename=\"decisions.csv\"").header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        });
    }

    @GET
    @Path("/static/{name}")
    public Response file(@PathParam("name") String name) throws IOException {
        String path = STATIC.get(name);
        if (path == null) {
            return Response.status(404).build();
        }
        try (InputStream in = WebResource.class.getResourceAsStream(path)) {
            if (in == null) {
                return Response.status(404).build();
            }
            String type = name.endsWith(".css") ? "text/css; charset=UTF-8" : "text/javascript; charset=UTF-8";
            return Response.ok(in.readAllBytes(), type).header("X-Content-Type-Options", "nosniff")
                    .header(HttpHeaders.CACHE_CONTROL, "max-age=300").build();
        }
    }

    /** Runs the page for the session's user, read again now; without one, to the sign-in form. */
    private Response signedIn(String session, Function<User, Response> page) {
        Optional<User> user = sessions.find(session).flatMap(s -> users.findByTokenHash(s.tokenHash())
                .filter(u -> u.id().equals(s.userId())).map(WebResource::user)).filter(u -> u.role() != Role.CITY);
        if (user.isEmpty()) {
            sessions.close(session);
            return Response.seeOther(URI.create("/ui/signin")).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        try {
            return page.apply(user.get());
        } catch (ApiException e) {
            Bilingual message = e.status() == 404 ? new Bilingual("Plan not found.", "ไม่พบแผน")
                    : new Bilingual(e.getMessage(), e.getMessage());
            return html(e.status(), pages.message(user.get(), message));
        }
    }

    private static User user(th.or.depa.smartcity.store.UserRow u) {
        return new User(u.id(), u.name(), Role.valueOf(u.role()), u.organisation(), u.body(), u.chair());
    }

    private static String cookie(String value, long maxAge) {
        return COOKIE + "=" + value + "; Path=/ui; Max-Age=" + maxAge + "; HttpOnly; Secure; SameSite=Strict";
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Response html(int status, String page) {
        return secure(Response.status(status).type(HTML).entity(page)).build();
    }

    private static Response.ResponseBuilder secure(Response.ResponseBuilder b) {
        return b.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer");
    }
}
