package th.or.depa.smartcity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.history.HistoryItem;
import th.or.depa.smartcity.plan.PlanView;
import th.or.depa.smartcity.store.VoteRow;
import th.or.depa.smartcity.workflow.WorkflowService;

/** Workflow actions, votes and the plan's record (workflow.md). Who may do what is decided by the rules. */
@Path("/api/plans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class WorkflowResource {

    private static final Map<String, JsonBodies.Type> ACTION = Map.of(
            "action", JsonBodies.Type.TEXT, "comment", JsonBodies.Type.TEXT);
    private static final Map<String, JsonBodies.Type> VOTE = Map.of(
            "vote", JsonBodies.Type.TEXT, "recuse", JsonBodies.Type.FLAG, "comment", JsonBodies.Type.TEXT);

    private final WorkflowService workflow;
    private final ObjectMapper mapper;

    public WorkflowResource(WorkflowService workflow, ObjectMapper mapper) {
        this.workflow = workflow;
        this.mapper = mapper;
    }

    @POST
    @Path("/{id}/actions")
    @RolesAllowed({Role.CITY_, Role.OFFICE_, Role.COMMITTEE_}) // REVIEWER and ADMIN never act (api.md, Roles)
    public PlanView act(@Auth User user, @PathParam("id") String id, InputStream body) {
        Map<String, JsonNode> b = JsonBodies.read(body, ACTION, Set.of("action"));
        WorkflowService.Acted acted = workflow.act(user, id, JsonBodies.text(b, "action"), JsonBodies.text(b, "comment"));
        PlanView view = PlanView.of(acted.plan(), workflow.certificate(acted.plan().row()));
        return new PlanView(view.plan(), view.evaluation(), view.certificate(), acted.tally());
    }

    @POST
    @Path("/{id}/votes")
    @RolesAllowed(Role.COMMITTEE_)
    public Map<String, Object> vote(@Auth User user, @PathParam("id") String id, InputStream body) {
        Map<String, JsonNode> b = JsonBodies.read(body, VOTE, Set.of());
        VoteRow v = workflow.vote(user, id, JsonBodies.text(b, "vote"), JsonBodies.flag(b, "recuse"),
                JsonBodies.text(b, "comment"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("planId", v.planId());
        out.put("round", v.reviewRound());
        out.put("body", v.body());
        out.put("member", user.name());
        out.put("vote", v.vote());
        out.put("recused", v.recused());
        out.put("comment", v.comment());
        out.put("at", v.castAt());
        return out;
    }

    @GET
    @Path("/{id}/history")
    @PermitAll
    public Map<String, Object> history(@Auth User user, @PathParam("id") String id) {
        WorkflowService.History h = workflow.history(user, id);
        List<HistoryItem> items = h.events().stream().map(e -> HistoryItem.of(e, mapper)).toList();
        return Map.of("items", items, "chainVerified", h.chainVerified());
    }
}
