package th.or.depa.smartcity.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.plan.PlanService;
import th.or.depa.smartcity.plan.PlanView;
import th.or.depa.smartcity.store.StoredJson;
import th.or.depa.smartcity.submission.Submissions;
import th.or.depa.smartcity.workflow.RenewalService;

/** Submitting and reading plans (api.md, Plans). Thin: parsing of queries in {@link PlanQuery}, submitting in Submissions, the rest in PlanService. */
@Path("/api/plans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class PlansResource {

    private final PlanService plans;
    private final Submissions submissions;
    private final PlanQuery queries;
    private final ObjectMapper mapper;
    private final RenewalService renewals;

    public PlansResource(PlanService plans, Submissions submissions, PlanQuery queries, ObjectMapper mapper,
                         RenewalService renewals) {
        this.renewals = renewals;
        this.plans = plans;
        this.submissions = submissions;
        this.queries = queries;
        this.mapper = mapper;
    }

    @POST
    @RolesAllowed(Role.CITY_)
    @RateLimited
    public Response submit(@Auth User city, @HeaderParam("Idempotency-Key") String key, InputStream body) {
        PlanService.Answer answer = submissions.submitOnce(city, Bodies.read(body), IdempotencyKeys.check(key),
                details -> StoredJson.write(mapper, PlanView.of(details, null)));
        return Response.status(answer.status()).location(URI.create("/api/plans/" + answer.planId()))
                .type(MediaType.APPLICATION_JSON_TYPE).entity(answer.body()).build();
    }

    @GET
    @PermitAll
    public Map<String, Object> list(@Auth User caller, @QueryParam("status") String status,
                                    @QueryParam("province") String province, @QueryParam("kind") String kind,
                                    @QueryParam("limit") String limit, @QueryParam("offset") String offset,
                                    @QueryParam("q") String text) {
        PlanQuery.Parsed q = queries.parse(status, province, kind, limit, offset, text);
        PlanService.Page page = plans.list(caller, q.filter(), q.limit(), q.offset());
        List<PlanView.Info> items = page.items().stream().map(p -> PlanView.info(p, null, true)).toList();
        return Map.of("items", items, "total", page.total());
    }

    @GET
    @Path("/{id}")
    @PermitAll
    public PlanView get(@Auth User caller, @PathParam("id") String id) {
        return plans.find(caller, id).map(d -> PlanView.of(d, certificate(d))
                .with(renewals.previousCertificates(id), null)).orElseThrow(ApiException::notFound);
    }

    /** README "Renewal": the owning city submits a progress report within the renewal window (201, the plan view). */
    @POST
    @Path("/{id}/renewal")
    @RolesAllowed(Role.CITY_)
    @RateLimited
    public Response renew(@Auth User city, @PathParam("id") String id, @HeaderParam("Idempotency-Key") String key,
                          InputStream body) {
        PlanService.Answer answer = renewals.renewOnce(city, id, Bodies.read(body), IdempotencyKeys.check(key),
                r -> StoredJson.write(mapper, PlanView.of(r.plan(), certificate(r.plan()))
                        .with(renewals.previousCertificates(id), r.renewal())));
        return Response.status(answer.status()).location(URI.create("/api/plans/" + id + "/renewal"))
                .type(MediaType.APPLICATION_JSON_TYPE).entity(answer.body()).build();
    }

    /** The plan's latest progress report and its evaluation (404 when the city sent none). */
    @GET
    @Path("/{id}/renewal")
    @PermitAll
    public RenewalService.RenewalView renewal(@Auth User caller, @PathParam("id") String id) {
        return renewals.latest(caller, id).orElseThrow(ApiException::notFound);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Role.CITY_)
    @RateLimited
    public PlanView revise(@Auth User city, @PathParam("id") String id, InputStream body) {
        PlanService.PlanDetails d = plans.revise(city, id, body, Bodies::read);
        return PlanView.of(d, certificate(d));
    }

    @GET
    @Path("/{id}/evaluations")
    @PermitAll
    public Map<String, Object> evaluations(@Auth User caller, @PathParam("id") String id) {
        return Map.of("items", plans.evaluations(caller, id).orElseThrow(ApiException::notFound));
    }

    private JsonNode certificate(PlanService.PlanDetails d) {
        return plans.certificate(d.row());
    }
}
