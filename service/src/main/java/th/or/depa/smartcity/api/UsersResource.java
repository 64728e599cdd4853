package th.or.depa.smartcity.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.dropwizard.auth.Auth;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.history.UserLog;
import th.or.depa.smartcity.store.StoredJson;
import th.or.depa.smartcity.store.UserEventDao;
import th.or.depa.smartcity.auth.UserService;
import th.or.depa.smartcity.auth.InactiveUser;
import th.or.depa.smartcity.plan.ErrorWords;
import th.or.depa.smartcity.plan.FieldError;
import th.or.depa.smartcity.store.UserRow;

/**
 * ADMIN manages users (api.md, Users): create (the token shown once), issue a new token, list (never a token), revoke
 * tokens; ADMIN and OFFICE read the users' record.
 */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@RolesAllowed(Role.ADMIN_)
public class UsersResource {

    private static final Map<String, JsonBodies.Type> FIELDS = Map.of("name", JsonBodies.Type.TEXT,
            "role", JsonBodies.Type.TEXT, "org", JsonBodies.Type.TEXT, "body", JsonBodies.Type.TEXT,
            "chair", JsonBodies.Type.FLAG);

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    private final UserService users;

    public UsersResource(UserService users) {
        this.users = users;
    }

    @POST
    public Response create(@Auth User admin, InputStream body) {
        Map<String, JsonNode> b = JsonBodies.read(body, FIELDS, Set.of("name", "role"));
        String name = JsonBodies.text(b, "name");
        String role = JsonBodies.text(b, "role");
        String org = JsonBodies.text(b, "org");
        String seat = JsonBodies.text(b, "body");
        boolean chair = Boolean.TRUE.equals(JsonBodies.flag(b, "chair"));
        Map<String, String> problems = UserService.problems(name, role, org, seat, chair);
        if (!problems.isEmpty()) {
            List<FieldError> errors = problems.entrySet().stream().map(e -> new FieldError(e.getKey(), e.getValue())).toList();
            throw new ApiException(422, errors.get(0).field() + ": " + errors.get(0).message(), errors, null);
        }
        UserService.Created created = users.create(admin, name, Role.valueOf(role), org, seat, chair);
        return Response.created(URI.create("/api/users/" + created.user().id())).entity(issued(created)).build();
    }

    /** A new token for an existing, active user (201, shown once); the user's earlier tokens stay valid. */
    @POST
    @Path("/{id}/tokens")
    public Response issueToken(@Auth User admin, @PathParam("id") String id) {
        UserService.Created issued;
        try {
            issued = users.issueToken(admin, id).orElseThrow(() -> new ApiException(404, ErrorWords.en("notFound.user")));
        } catch (InactiveUser e) {
            FieldError.Reason r = ErrorWords.of("user.inactive", id);
            throw new ApiException(409, r.en(), List.of(), new ApiException.Bilingual(r.en(), r.th()));
        }
        return Response.created(URI.create("/api/users/" + id)).entity(issued(issued)).build();
    }

    private static Map<String, Object> issued(UserService.Created created) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", created.user().id());
        out.put("name", created.user().name());
        out.put("role", created.user().role());
        out.put("token", created.token());
        return out;
    }

    @GET
    public Map<String, Object> list() {
        return Map.of("items", users.list().stream().map(UsersResource::describe).toList());
    }

    @DELETE
    @Path("/{id}/tokens")
    public Map<String, Object> revoke(@Auth User admin, @PathParam("id") String id) {
        int revoked = users.revokeTokens(admin, id).orElseThrow(() -> new ApiException(404, ErrorWords.en("notFound.user")));
        return Map.of("id", id, "revoked", revoked);
    }

    /** The users' record: who created which user with which role, who revoked which tokens; ADMIN and OFFICE read it. */
    @GET
    @Path("/record")
    @RolesAllowed({Role.ADMIN_, Role.OFFICE_})
    public Map<String, Object> record() {
        UserLog.Listing listing = users.record();
        return Map.of("items", listing.events().stream().map(UsersResource::item).toList(),
                "chainVerified", listing.check().ok());
    }

    private static Map<String, Object> item(UserEventDao.UserEventRow e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("type", e.type());
        m.put("actor", e.actor());
        m.put("role", e.role());
        m.put("at", e.occurredAt());
        m.put("user", e.subjectId());
        m.put("data", StoredJson.read(MAPPER, e.data()));
        return m;
    }

    private static Map<String, Object> describe(UserService.Listed u) {
        UserRow r = u.user();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("name", r.name());
        m.put("role", r.role());
        m.put("organisation", r.organisation());
        m.put("body", r.body());
        m.put("chair", r.chair());
        m.put("createdAt", r.createdAt());
        m.put("active", u.active());
        return m;
    }
}
