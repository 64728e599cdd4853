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
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
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
import th.or.depa.smartcity.report.PlanReport;
import th.or.depa.smartcity.report.PlanReportPage;
import th.or.depa.smartcity.report.PlanReportPdf;
import th.or.depa.smartcity.report.PlanReports;
import th.or.depa.smartcity.store.UserDao;
import th.or.depa.smartcity.plan.ConcurrentChange;
import th.or.depa.smartcity.plan.PlanFormatException;
import th.or.depa.smartcity.plan.PlanNotFound;
import th.or.depa.smartcity.store.PlanRow;
import th.or.depa.smartcity.workflow.Available;
import th.or.depa.smartcity.workflow.WorkflowRefusal;
import th.or.depa.smartcity.workflow.WorkflowService;

/**
 * The web view for the office, the committee and the cities under /ui: sign in once with a token (then an HttpOnly, Secure,
 * SameSite=Strict session cookie), the plans, one plan's report with the workflow's forms (actions, vote, recusal),
 * the office's screening queue, the decisions report and the PDF. Thin: sessions in
 * {@link Sessions}, pages in {@link WebPages}, the reports from the report package. The user is read again on every
 * request by the hash of the token they signed in with, so a revoked token or user is signed out at once.
 */
@Path("/ui")
public class WebResource {

    static final String COOKIE = "sc_session";
    /** The sign-in form's CSRF token (double submit): readable only by /ui/signin, so no other page can echo it. */
    static final String SIGNIN_COOKIE = "sc_signin";
    private static final long SIGNIN_FORM_SECONDS = 3600;
    private static final String HTML = WebResponses.HTML;
    private static final Map<String, String> STATIC = Map.of("app.css", "/web/app.css", "app.js", "/web/app.js",
            "report.css", "/report/report.css", "Garuda.ttf", "/report/fonts/Garuda.ttf",
            "Garuda-Bold.ttf", "/report/fonts/Garuda-Bold.ttf");

    /** The states whose plans the screening queue lists; what the office may do on each, the rules say. */
    private static final List<String> SCREENING_QUEUE = List.of("SCREENING", "SUBCOMMITTEE_REVIEW",
            "COMMITTEE_REVIEW", "RENEWAL_SCREENING", "RENEWAL_SUBCOMMITTEE_REVIEW", "RENEWAL_COMMITTEE_REVIEW");
    /** Plans per state in the queue: each costs a dry run of the rules per action. */
    private static final String QUEUE_LIMIT = "50";

    private final Sessions sessions;
    private final Viewers viewers;
    private final SignInLimiter limiter;
    private final UserDao users;
    private final PlanService plans;
    private final PlanQuery queries;
    private final PlanReports reports;
    private final PlanReportPage reportPage;
    private final Provinces provinces;
    private final WebPages pages;
    private final WorkflowService workflow;
    private final Clock clock;

    private final java.util.function.Supplier<th.or.depa.smartcity.evaluation.Texts> texts;

    public WebResource(Sessions sessions, Jdbi jdbi, PlanService plans, WorkflowService workflow, Provinces provinces,
                       ObjectMapper mapper, Clock clock,
                       java.util.function.Supplier<th.or.depa.smartcity.evaluation.Texts> texts) {
        this.sessions = sessions;
        this.limiter = new SignInLimiter(clock);
        this.users = jdbi.onDemand(UserDao.class);
        this.viewers = new Viewers(sessions, users);
        this.plans = plans;
        this.queries = new PlanQuery(provinces);
        this.reports = new PlanReports(plans, workflow, mapper);
        this.reportPage = new PlanReportPage(provinces, texts);
        this.provinces = provinces;
        this.pages = new WebPages(provinces, texts);
        this.workflow = workflow;
        this.clock = clock;
        this.texts = texts;
    }

    @GET
    public Response home() {
        return redirect("/ui/plans").build();
    }

    /** The form, and a fresh CSRF token twice: in a cookie only this path reads, and in the form's hidden field. */
    @GET
    @Path("/signin")
    public Response signInForm() {
        return signInPage(200, null);
    }

    /**
     * In this order: an address past its failures is 429; a form whose CSRF token is missing or not its cookie's is
     * 403 (a page on another site cannot read the cookie, so it cannot sign a browser in as someone else); then
     * the token. Only a wrong token counts as a failure of the address.
     */
    @POST
    @Path("/signin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("token") String token, @FormParam("csrf") String csrf,
                           @CookieParam(SIGNIN_COOKIE) String expected, @Context HttpServletRequest request) {
        String address = request.getRemoteAddr();
        long wait = limiter.retryAfterSeconds(address);
        if (wait > 0) {
            return secure(Response.status(429).type(HTML).header(HttpHeaders.RETRY_AFTER, wait)
                    .entity(pages.signIn(WebMessages.of("signin.tooMany", String.valueOf(wait)), null))).build();
        }
        if (!Sessions.sameToken(expected, csrf)) {
            return signInPage(403, WebMessages.of("signin.expired"));
        }
        Optional<User> user = Optional.empty();
        String hash = null;
        if (token != null && !token.isBlank() && token.length() <= 200) {
            hash = Tokens.hash(token.strip());
            user = users.findByTokenHash(hash).map(Viewers::user);
        }
        if (user.isEmpty()) {
            limiter.failed(address);
            return signInPage(401, WebMessages.of("signin.badToken"));
        }
        String id = sessions.open(user.get().id(), hash);
        return redirect("/ui/plans").header(HttpHeaders.SET_COOKIE, cookie(id, Sessions.TTL.toSeconds()))
                .header(HttpHeaders.SET_COOKIE, signInCookie("", 0)).build();
    }

    /** Ends the session when the form carries its CSRF token (403 otherwise); without a session, to sign in. */
    @POST
    @Path("/signout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@CookieParam(COOKIE) String session, @FormParam("csrf") String csrf) {
        Optional<Sessions.Session> open = sessions.find(session);
        if (open.isPresent() && !Sessions.sameToken(open.get().csrf(), csrf)) {
            return html(403, pages.message(null, WebMessages.of("signout.expired")));
        }
        sessions.close(session);
        return redirect("/ui/signin").header(HttpHeaders.SET_COOKIE, cookie("", 0)).build();
    }

    private Response signInPage(int status, Bilingual message) {
        String csrf = Sessions.randomId();
        return secure(Response.status(status).type(HTML).entity(pages.signIn(message, csrf))
                .header(HttpHeaders.SET_COOKIE, signInCookie(csrf, SIGNIN_FORM_SECONDS))).build();
    }

    @GET
    @Path("/plans")
    public Response plans(@CookieParam(COOKIE) String session, @QueryParam("status") String status,
                          @QueryParam("province") String province, @QueryParam("offset") String offset) {
        return signedIn(session, viewer -> {
            User user = viewer.user();
            String st = blank(status);
            String pr = blank(province);
            PlanQuery.Parsed q = queries.parse(st, pr, null, "50", blank(offset));
            PlanService.Page page = plans.list(user, q.filter(), q.limit(), q.offset());
            return html(200, pages.plans(viewer, page.items(), page.total(), st, q.filter().province(), q.offset(), q.limit()));
        });
    }

    @GET
    @Path("/plans/{id}")
    public Response plan(@CookieParam(COOKIE) String session, @PathParam("id") String id) {
        return signedIn(session, viewer -> planPage(viewer, id, 200, null));
    }

    /** The plan page: the report's body framed, with the forms the rules allow this user now and a last refusal. */
    private Response planPage(Viewer viewer, String id, int status, PlanViews.Shown refusal) {
        User user = viewer.user();
        PlanReport r = reports.find(user, id).orElseThrow(ApiException::notFound);
        Available available = workflow.available(user, id);
        return html(status, Templates.render("plan", PlanViews.plan(viewer, r.details().row(),
                reportPage.model(r, clock.instant()), available, texts.get(), refusal)));
    }

    /**
     * An action form of the plan page or the screening queue (fields csrf, action, comment): through the same
     * WorkflowService.act as the API, so the rules check the role again and decide; then back to the page it came
     * from, or that page again with the refusal and its status.
     */
    @POST
    @Path("/plans/{id}/actions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response act(@CookieParam(COOKIE) String session, @PathParam("id") String id, @FormParam("csrf") String csrf,
                        @FormParam("action") String action, @FormParam("comment") String comment,
                        @FormParam("from") String from) {
        boolean queue = "screening".equals(from);
        return form(session, csrf, id, queue, viewer -> workflow.act(viewer.user(), id, blank(action), blank(comment)));
    }

    /** A vote (APPROVE, REJECT or ABSTAIN, with a comment) through the same WorkflowService.vote as the API. */
    @POST
    @Path("/plans/{id}/vote")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response vote(@CookieParam(COOKIE) String session, @PathParam("id") String id, @FormParam("csrf") String csrf,
                         @FormParam("vote") String vote, @FormParam("comment") String comment) {
        return form(session, csrf, id, false, viewer -> workflow.vote(viewer.user(), id, blank(vote), false,
                blank(comment)));
    }

    /** A recusal with its reason, through WorkflowService.vote. */
    @POST
    @Path("/plans/{id}/recuse")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response recuse(@CookieParam(COOKIE) String session, @PathParam("id") String id,
                           @FormParam("csrf") String csrf, @FormParam("comment") String comment) {
        return form(session, csrf, id, false, viewer -> workflow.vote(viewer.user(), id, null, true, blank(comment)));
    }

    /** The office's queue: plans in screening, and plans in a body's review whose vote it may close. */
    @GET
    @Path("/screening")
    public Response screening(@CookieParam(COOKIE) String session) {
        return signedIn(session, viewer -> screeningPage(viewer, 200, null));
    }

    private Response screeningPage(Viewer viewer, int status, PlanViews.Shown refusal) {
        User user = viewer.user();
        if (user.role() != Role.OFFICE) {
            return html(403, pages.message(viewer, WebMessages.of("web.forbidden")));
        }
        List<PlanViews.Queued> queue = new ArrayList<>();
        for (String state : SCREENING_QUEUE) {
            PlanQuery.Parsed q = queries.parse(state, null, null, QUEUE_LIMIT, null);
            for (PlanRow p : plans.list(user, q.filter(), q.limit(), q.offset()).items()) {
                queue.add(new PlanViews.Queued(p, workflow.available(user, p.id())));
            }
        }
        return html(status, Templates.render("screening", PlanViews.screening(viewer, queue, texts.get(), refusal,
                p -> pages.row(p, texts.get()))));
    }

    /**
     * A workflow form: the session's CSRF token first (403, nothing done), then the action; a refusal of the rules
     * (403, 409, 422 naming the comment) shows the page again with the reason and the refusal's status.
     */
    private Response form(String session, String csrf, String planId, boolean queue, Consumer<Viewer> action) {
        Optional<Viewer> viewer = viewers.find(session);
        if (viewer.isEmpty()) {
            return redirect("/ui/signin").build();
        }
        Viewer v = viewer.get();
        if (!Sessions.sameToken(v.csrf(), csrf)) {
            return html(403, pages.message(v, WebMessages.of("web.formExpired")));
        }
        return signedIn(session, ignored -> {
            PlanViews.Shown refused;
            try {
                action.accept(v);
                return redirect(queue ? "/ui/screening" : "/ui/plans/" + planId).build();
            } catch (WorkflowRefusal e) {
                refused = new PlanViews.Shown(e.refusal().code(), e.reason());
            } catch (PlanFormatException e) {
                refused = new PlanViews.Shown(e.status(), WebMessages.of("form.invalidVote"));
            } catch (ConcurrentChange e) {
                refused = new PlanViews.Shown(409, WebMessages.of("form.concurrent"));
            }
            return queue ? screeningPage(v, refused.code(), refused) : planPage(v, planId, refused.code(), refused);
        });
    }

    @GET
    @Path("/plans/{id}/report.pdf")
    public Response pdf(@CookieParam(COOKIE) String session, @PathParam("id") String id) {
        return signedIn(session, viewer -> {
            User user = viewer.user();
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
            String type = name.endsWith(".css") ? "text/css; charset=UTF-8"
                    : name.endsWith(".ttf") ? "font/ttf" : "text/javascript; charset=UTF-8";
            return Response.ok(in.readAllBytes(), type).header("X-Content-Type-Options", "nosniff")
                    .header(HttpHeaders.CACHE_CONTROL, "max-age=300").build();
        }
    }

    /** Runs the page for the session's user, read again now; without one, to the sign-in form. */
    private Response signedIn(String session, Function<Viewer, Response> page) {
        Optional<Viewer> viewer = viewers.find(session);
        if (viewer.isEmpty()) {
            return redirect("/ui/signin").build();
        }
        try {
            return page.apply(viewer.get());
        } catch (ApiException e) {
            Bilingual message = e.status() == 404 ? WebMessages.of("page.planNotFound")
                    : new Bilingual(e.getMessage(), e.getMessage());
            return html(e.status(), pages.message(viewer.get(), message));
        } catch (PlanNotFound e) {
            return html(404, pages.message(viewer.get(), WebMessages.of("page.planNotFound")));
        }
    }

    private static Response.ResponseBuilder redirect(String path) {
        return WebResponses.redirect(path);
    }

    private static String cookie(String value, long maxAge) {
        return COOKIE + "=" + value + "; Path=/ui; Max-Age=" + maxAge + "; HttpOnly; Secure; SameSite=Strict";
    }

    private static String signInCookie(String value, long maxAge) {
        return SIGNIN_COOKIE + "=" + value + "; Path=/ui/signin; Max-Age=" + maxAge + "; HttpOnly; Secure; SameSite=Strict";
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Response html(int status, String page) {
        return WebResponses.html(status, page);
    }

    private static Response.ResponseBuilder secure(Response.ResponseBuilder b) {
        return WebResponses.secure(b);
    }
}
