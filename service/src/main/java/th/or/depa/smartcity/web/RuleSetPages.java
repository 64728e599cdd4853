package th.or.depa.smartcity.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.engine.RuleError;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;
import th.or.depa.smartcity.ruleset.ImpactJobs;
import th.or.depa.smartcity.ruleset.InForceTexts;
import th.or.depa.smartcity.ruleset.RuleSetConflict;
import th.or.depa.smartcity.ruleset.RuleSetDiff;
import th.or.depa.smartcity.ruleset.RuleSetNotFound;
import th.or.depa.smartcity.ruleset.RuleSetRefused;
import th.or.depa.smartcity.ruleset.RuleSets;
import th.or.depa.smartcity.ruleset.ThresholdProposal;
import th.or.depa.smartcity.store.RuleSetRow;
import th.or.depa.smartcity.store.UserDao;

/**
 * The reviewer's pages under /ui/rulesets: the versions, one version with its diff against the one in force,
 * impact analysis as a job the page polls, activate and roll back, and the threshold form. Same sign-in as the
 * other pages; every POST carries its session's CSRF token and the role is checked here again: only a REVIEWER
 * activates, proposes and analyses, an ADMIN may also roll back, everyone signed in but a city reads (a city's
 * business is its own plans, as in the API).
 */
@Path("/ui/rulesets")
public class RuleSetPages {

    private static final String BACK = "/ui/rulesets";
    private static final int NOTE_MAX = 2000;
    private static final Set<Role> READERS = Set.of(Role.OFFICE, Role.COMMITTEE, Role.REVIEWER, Role.ADMIN);

    private final Viewers viewers;
    private final RuleSets ruleSets;
    private final RuleSetDiff diffs;
    private final ThresholdProposal thresholds;
    private final ImpactJobs jobs;

    public RuleSetPages(Sessions sessions, Jdbi jdbi, RuleSets ruleSets, ImpactJobs jobs) {
        this.viewers = new Viewers(sessions, jdbi.onDemand(UserDao.class));
        this.ruleSets = ruleSets;
        this.diffs = new RuleSetDiff(ruleSets);
        this.thresholds = new ThresholdProposal(ruleSets);
        this.jobs = jobs;
    }

    @GET
    public Response list(@CookieParam(WebResource.COOKIE) String session) {
        return page(session, READERS, viewer -> ok("rulesets", RuleSetViews.list(viewer, ruleSets.list())));
    }

    @GET
    @Path("/{version}")
    public Response version(@CookieParam(WebResource.COOKIE) String session, @PathParam("version") String version) {
        return page(session, READERS, viewer -> {
            RuleSetRow row = ruleSets.find(number(version)).orElseThrow(RuleSetNotFound::new);
            int inForce = ruleSets.inForce().version();
            return ok("ruleset", RuleSetViews.version(viewer, row, ruleSets.filesOf(row).files(),
                    diffs.between(row.version(), inForce), inForce));
        });
    }

    @POST
    @Path("/{version}/activate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response activate(@CookieParam(WebResource.COOKIE) String session, @PathParam("version") String version,
                             @FormParam("csrf") String csrf) {
        return form(session, csrf, Set.of(Role.REVIEWER), viewer -> {
            ruleSets.activate(number(version), viewer.user());
            return WebResponses.redirect(BACK + "/" + number(version)).build();
        });
    }

    @POST
    @Path("/{version}/rollback")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rollback(@CookieParam(WebResource.COOKIE) String session, @PathParam("version") String version,
                             @FormParam("csrf") String csrf) {
        return form(session, csrf, Set.of(Role.REVIEWER, Role.ADMIN), viewer -> {
            ruleSets.rollback(number(version), viewer.user());
            return WebResponses.redirect(BACK + "/" + number(version)).build();
        });
    }

    @POST
    @Path("/{version}/impact")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response impact(@CookieParam(WebResource.COOKIE) String session, @PathParam("version") String version,
                           @FormParam("csrf") String csrf) {
        return form(session, csrf, Set.of(Role.REVIEWER), viewer -> {
            int v = ruleSets.find(number(version)).orElseThrow(RuleSetNotFound::new).version();
            ImpactJobs.Job job = jobs.start(v);
            return WebResponses.redirect(BACK + "/" + v + "/impact/" + job.id()).build();
        });
    }

    /** The job's page: its progress while it runs (app.js polls the next method), then its result as tables. */
    @GET
    @Path("/{version}/impact/{id}")
    public Response impactJob(@CookieParam(WebResource.COOKIE) String session, @PathParam("version") String version,
                              @PathParam("id") String id) {
        return page(session, Set.of(Role.REVIEWER), viewer -> {
            ImpactJobs.Job job = job(version, id);
            return ok("impact", RuleSetViews.impact(viewer, job, new InForceTexts(ruleSets).get()));
        });
    }

    @GET
    @Path("/{version}/impact/{id}/progress")
    public Response impactProgress(@CookieParam(WebResource.COOKIE) String session,
                                   @PathParam("version") String version, @PathParam("id") String id) {
        return page(session, Set.of(Role.REVIEWER), viewer -> {
            ImpactJobs.Job job = job(version, id);
            return WebResponses.secure(Response.ok(Map.of("state", job.state().name(), "done", job.done(),
                    "total", Math.max(job.total(), job.done())), MediaType.APPLICATION_JSON_TYPE)).build();
        });
    }

    @GET
    @Path("/propose")
    public Response thresholdForm(@CookieParam(WebResource.COOKIE) String session) {
        return page(session, Set.of(Role.REVIEWER), viewer -> {
            int base = ruleSets.inForce().version();
            return ok("thresholds", RuleSetViews.thresholds(viewer, base, thresholds.thresholds(base), Map.of(),
                    Map.of(), ""));
        });
    }

    /**
     * The edited values of the version the form showed (base), proposed through RuleSets.propose as the API does;
     * refused values come back in the form, named; a refused rule set is shown with its errors.
     */
    @POST
    @Path("/propose")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response propose(@CookieParam(WebResource.COOKIE) String session, MultivaluedMap<String, String> form) {
        return form(session, form.getFirst("csrf"), Set.of(Role.REVIEWER), viewer -> {
            int base = number(form.getFirst("base"));
            String note = Optional.ofNullable(form.getFirst("note")).map(String::strip).orElse("");
            Map<String, String> values = new LinkedHashMap<>();
            form.forEach((k, v) -> {
                if (k.startsWith("value.") && !v.isEmpty()) {
                    values.put(k.substring("value.".length()), v.get(0));
                }
            });
            if (note.length() > NOTE_MAX) {
                note = note.substring(0, NOTE_MAX);
            }
            try {
                RuleSetRow row = thresholds.propose(base, values, note.isEmpty() ? null : note, viewer.user());
                return WebResponses.redirect(BACK + "/" + row.version()).build();
            } catch (ThresholdProposal.Refused e) {
                Map<String, Bilingual> problems = new LinkedHashMap<>();
                e.problems().forEach((name, p) -> problems.put(name, WebMessages.of("thresholds.problem." + p.name())));
                Map<String, Object> model = RuleSetViews.thresholds(viewer, base, thresholds.thresholds(base), values,
                        problems, note);
                model.put("unchanged", e.unchanged());
                return WebResponses.html(422, Templates.render("thresholds", model));
            }
        });
    }

    /** A signed-in page for these roles (any role when empty); refusals of the rule sets as pages of their own. */
    private Response page(String session, Set<Role> roles, Function<Viewer, Response> page) {
        Optional<Viewer> viewer = viewers.find(session);
        if (viewer.isEmpty()) {
            return WebResponses.redirect("/ui/signin").build();
        }
        Viewer v = viewer.get();
        if (!roles.isEmpty() && !roles.contains(v.user().role())) {
            return refusal(v, 403, WebMessages.of("web.forbidden"), List.of());
        }
        try {
            return page.apply(v);
        } catch (RuleSetNotFound e) {
            return refusal(v, 404, WebMessages.of("web.rulesetNotFound"), List.of());
        } catch (RuleSetConflict e) {
            return refusal(v, 409, conflict(e), List.of());
        } catch (RuleSetRefused e) {
            return WebResponses.html(422, Templates.render("message", RuleSetViews.message(v,
                    WebMessages.of("web.refused"), WebMessages.of("thresholds.refused"), e.errors(), BACK)));
        } catch (ImpactJobs.Busy e) {
            return refusal(v, 503, WebMessages.of("impact.busy"), List.of());
        }
    }

    /** A form: the session's CSRF token first (403 without it, whatever the role), then as a page. */
    private Response form(String session, String csrf, Set<Role> roles, Function<Viewer, Response> action) {
        Optional<Viewer> viewer = viewers.find(session);
        if (viewer.isPresent() && !Sessions.sameToken(viewer.get().csrf(), csrf)) {
            return refusal(viewer.get(), 403, WebMessages.of("web.formExpired"), List.of());
        }
        return page(session, roles, action);
    }

    /** A refused activation or rollback (four eyes, wrong state) with the refusal's reason in both languages. */
    private static Bilingual conflict(RuleSetConflict e) {
        return new Bilingual(e.en(), e.th());
    }

    private static Response refusal(Viewer viewer, int status, Bilingual message, List<RuleError> errors) {
        Bilingual heading = WebMessages.of("web.refused");
        return WebResponses.html(status, Templates.render("message", RuleSetViews.message(viewer, heading, message,
                errors, BACK)));
    }

    private ImpactJobs.Job job(String version, String id) {
        int v = number(version);
        return jobs.find(id).filter(j -> j.version() == v).orElseThrow(RuleSetNotFound::new);
    }

    private static Response ok(String template, Map<String, Object> model) {
        return WebResponses.html(200, Templates.render(template, model));
    }

    private static int number(String version) {
        try {
            return Integer.parseInt(version == null ? "" : version.strip());
        } catch (NumberFormatException e) {
            throw new RuleSetNotFound();
        }
    }
}
