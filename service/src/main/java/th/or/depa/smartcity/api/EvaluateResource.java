package th.or.depa.smartcity.api;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.plan.PlanService;

/** POST /api/evaluate: a dry run under the rules in force; nothing is stored. */
@Path("/api/evaluate")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class EvaluateResource {

    private final PlanService plans;

    public EvaluateResource(PlanService plans) {
        this.plans = plans;
    }

    @POST
    @PermitAll
    @RateLimited
    public Evaluation evaluate(@Auth User caller, InputStream body) {
        return plans.dryRun(Bodies.read(body));
    }
}
