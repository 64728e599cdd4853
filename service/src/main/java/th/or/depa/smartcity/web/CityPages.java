package th.or.depa.smartcity.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.glassfish.jersey.server.ContainerRequest;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.api.ApiException;
import th.or.depa.smartcity.api.Bodies;
import th.or.depa.smartcity.api.IdempotencyKeys;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;
import th.or.depa.smartcity.plan.ConcurrentChange;
import th.or.depa.smartcity.plan.FieldError;
import th.or.depa.smartcity.plan.IdempotencyKeyReused;
import th.or.depa.smartcity.plan.PlanFormatException;
import th.or.depa.smartcity.plan.PlanNotFound;
import th.or.depa.smartcity.plan.PlanService;
import th.or.depa.smartcity.plan.PlanView;
import th.or.depa.smartcity.report.Html;
import th.or.depa.smartcity.store.StoredJson;
import th.or.depa.smartcity.store.UserDao;
import th.or.depa.smartcity.workflow.RenewalService;
import th.or.depa.smartcity.workflow.WorkflowRefusal;

/**
 * A city's pages: submit a plan (/ui/submit) and revise one (/ui/plans/{id}/revise), as a JSON file or pasted text.
 * The same Submissions and PlanService calls as POST and PUT /api/plans (one code path: the same checks, rules and 1 MiB limit); a
 * submission carries the form's one-time key as the API's Idempotency-Key, so a double click or a reload stores one
 * plan. Only a CITY, and only its own organisation's plans (404 otherwise, as the API); every POST carries its
 * session's CSRF token. Shares /ui with WebResource: Jersey matches both classes' methods under the one root path.
 */
@Path("/ui")
public class CityPages {

    private static final String PLANS = "/ui/plans";

    private final Viewers viewers;
    private final PlanService plans;
    private final th.or.depa.smartcity.submission.Submissions submissions;
    private final ObjectMapper mapper;
    private final RenewalService renewals;

    /** The API's submission rate, in the same window per user: the forms are no way around it. */
    private final th.or.depa.smartcity.api.SubmissionRate rate;

    public CityPages(Sessions sessions, Jdbi jdbi, PlanService plans,
                     th.or.depa.smartcity.submission.Submissions submissions, RenewalService renewals,
                     ObjectMapper mapper, th.or.depa.smartcity.api.SubmissionRate rate) {
        this.rate = rate;
        this.submissions = submissions;
        this.renewals = renewals;
        this.viewers = new Viewers(sessions, jdbi.onDemand(UserDao.class));
        this.plans = plans;
        this.mapper = mapper;
    }

    @GET
    @Path("/submit")
    public Response submitForm(@CookieParam(WebResource.COOKIE) String session) {
        return city(session, viewer -> form(200, CityViews.submit(viewer, Sessions.randomId(), "",
                CityViews.Outcome.NONE), "submit"));
    }

    /** The plan from the form, submitted once per form key; a refusal shows the form again with what was sent. */
    @POST
    @Path("/submit")
    public Response submit(@CookieParam(WebResource.COOKIE) String session, @Context ContainerRequest request) {
        return posted(session, request, (viewer, form) -> {
            Function<CityViews.Outcome, Map<String, Object>> again = outcome ->
                    CityViews.submit(viewer, form.key() == null ? Sessions.randomId() : form.key(), form.shownAgain(),
                            outcome);
            return judged("submit", again, () -> {
                PlanService.Answer answer = submissions.submitOnce(viewer.user(), plan(form), IdempotencyKeys.check(form.key()),
                        details -> StoredJson.write(mapper, PlanView.of(details, null)));
                return WebResponses.redirect(PLANS + "/" + answer.planId()).build();
            }, () -> form(422, CityViews.submit(viewer, Sessions.randomId(), form.shownAgain(),
                    CityViews.Outcome.refused(WebMessages.of("planForm.keyReused"), List.of())), "submit"));
        });
    }

    /** The form with the plan's current content as pretty JSON. */
    @GET
    @Path("/plans/{id}/revise")
    public Response reviseForm(@CookieParam(WebResource.COOKIE) String session, @PathParam("id") String id) {
        return city(session, viewer -> {
            PlanService.PlanDetails d = plans.find(viewer.user(), id).orElseThrow(PlanNotFound::new);
            return form(200, CityViews.revise(viewer, d.row().id(), d.row().city(), pretty(d), CityViews.Outcome.NONE),
                    "revise");
        });
    }

    @POST
    @Path("/plans/{id}/revise")
    public Response revise(@CookieParam(WebResource.COOKIE) String session, @PathParam("id") String id,
                           @Context ContainerRequest request) {
        return posted(session, request, (viewer, form) -> {
            String city = plans.find(viewer.user(), id).orElseThrow(PlanNotFound::new).row().city();
            return judged("revise", outcome -> CityViews.revise(viewer, id, city, form.shownAgain(), outcome), () -> {
                PlanService.PlanDetails d = plans.revise(viewer.user(), id, new ByteArrayInputStream(plan(form)),
                        Bodies::read);
                return WebResponses.redirect(PLANS + "/" + d.row().id()).build();
            }, null);
        });
    }

    /** The renewal form: the progress report as POST /api/plans/{id}/renewal takes it, filled with the plan's names. */
    @GET
    @Path("/plans/{id}/renewal")
    public Response renewalForm(@CookieParam(WebResource.COOKIE) String session, @PathParam("id") String id) {
        return city(session, viewer -> {
            String city = plans.find(viewer.user(), id).orElseThrow(PlanNotFound::new).row().city();
            String blank;
            try {
                blank = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(
                        renewals.blankReport(viewer.user(), id));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("blank progress report", e);
            }
            return form(200, CityViews.renewal(viewer, id, city, Sessions.randomId(), blank, CityViews.Outcome.NONE),
                    "renewal");
        });
    }

    /** The same RenewalService call as the API, once per form key; a refusal shows the form again. */
    @POST
    @Path("/plans/{id}/renewal")
    public Response renew(@CookieParam(WebResource.COOKIE) String session, @PathParam("id") String id,
                          @Context ContainerRequest request) {
        return posted(session, request, (viewer, form) -> {
            String city = plans.find(viewer.user(), id).orElseThrow(PlanNotFound::new).row().city();
            Function<CityViews.Outcome, Map<String, Object>> again = outcome -> CityViews.renewal(viewer, id, city,
                    form.key() == null ? Sessions.randomId() : form.key(), form.shownAgain(), outcome);
            return judged("renewal", again, () -> {
                renewals.renewOnce(viewer.user(), id, plan(form), IdempotencyKeys.check(form.key()),
                        r -> StoredJson.write(mapper, PlanView.of(r.plan(), null).with(null, r.renewal())));
                return WebResponses.redirect(PLANS + "/" + id).build();
            }, () -> form(422, CityViews.renewal(viewer, id, city, Sessions.randomId(), form.shownAgain(),
                    CityViews.Outcome.refused(WebMessages.of("planForm.keyReused"), List.of())), "renewal"));
        });
    }

    /** Runs a submission or a revision; the service's refusals become the form again with the reason. */
    private Response judged(String template, Function<CityViews.Outcome, Map<String, Object>> again,
                            Supplier<Response> action, Supplier<Response> reused) {
        try {
            return action.get();
        } catch (PlanFormatException e) {
            return form(422, again.apply(CityViews.Outcome.problems(e.errors())), template);
        } catch (WorkflowRefusal e) {
            List<FieldError> fields = e.refusal().field() == null ? List.of()
                    : List.of(new FieldError(e.refusal().field(), e.reason().en()));
            return form(e.refusal().code(), again.apply(CityViews.Outcome.refused(e.reason(), fields)), template);
        } catch (ConcurrentChange e) {
            return form(409, again.apply(CityViews.Outcome.refused(WebMessages.of("planForm.concurrent"), List.of())),
                    template);
        } catch (IdempotencyKeyReused e) {
            return reused.get();
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw e;
            }
            Bilingual reason = e.reason() == null ? WebMessages.of("planForm.refused")
                    : new Bilingual(e.reason().en(), e.reason().th());
            return form(e.status(), again.apply(CityViews.Outcome.refused(reason, e.errors())), template);
        }
    }

    /** The plan's bytes: the file, else the pasted text; neither is a format problem of the form itself. */
    private static byte[] plan(PlanForm form) {
        byte[] plan = form.plan();
        if (plan == null) {
            Bilingual empty = WebMessages.of("planForm.empty");
            throw new PlanFormatException(422, List.of(new FieldError("file", empty.en() + " / " + empty.th())));
        }
        return plan;
    }

    private String pretty(PlanService.PlanDetails d) {
        try {
            return d.content() == null ? "" : mapper.writerWithDefaultPrettyPrinter().writeValueAsString(d.content());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored plan content", e);
        }
    }

    /** A form post: the body read with its cap, then the session's CSRF token (403 without it), then the action. */
    private Response posted(String session, ContainerRequest request,
                            BiFunction<Viewer, PlanForm, Response> action) {
        return city(session, viewer -> {
            PlanForm form;
            try {
                form = PlanForm.read(request);
            } catch (PlanForm.Unreadable e) {
                return message(viewer, e.status(), WebMessages.of(e.status() == 413 ? "planForm.tooLarge"
                        : "planForm.notAForm"));
            }
            if (!Sessions.sameToken(viewer.csrf(), form.csrf())) {
                return message(viewer, 403, WebMessages.of("web.formExpired"));
            }
            long retryAfter = rate.admit(viewer.user().id());
            if (retryAfter > 0) {
                return Response.fromResponse(message(viewer, 429, WebMessages.of("web.rateLimited", rate.perMinute(),
                        retryAfter))).header("Retry-After", retryAfter).build();
            }
            return action.apply(viewer, form);
        });
    }

    /** A signed-in CITY's page; another role is a 403 page, a plan it may not see a 404 page. */
    private Response city(String session, Function<Viewer, Response> page) {
        Optional<Viewer> viewer = viewers.find(session);
        if (viewer.isEmpty()) {
            return WebResponses.redirect("/ui/signin").build();
        }
        Viewer v = viewer.get();
        if (v.user().role() != Role.CITY) {
            return message(v, 403, WebMessages.of("web.forbidden"));
        }
        try {
            return page.apply(v);
        } catch (PlanNotFound e) {
            return message(v, 404, WebMessages.of("planForm.notFound"));
        } catch (ApiException e) {
            return message(v, e.status(), e.status() == 404 ? WebMessages.of("planForm.notFound")
                    : WebMessages.of("planForm.refused"));
        }
    }

    private static Response form(int status, Map<String, Object> model, String template) {
        return WebResponses.html(status, Templates.render(template, model));
    }

    private static Response message(Viewer viewer, int status, Bilingual message) {
        Map<String, Object> model = RuleSetViews.message(viewer, WebMessages.of("web.refused"), message,
                List.of(), PLANS);
        model.put("backLabel", Html.both(WebMessages.of("planForm.back")));
        return WebResponses.html(status, Templates.render("message", model));
    }
}
