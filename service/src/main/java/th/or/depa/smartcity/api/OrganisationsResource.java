package th.or.depa.smartcity.api;

import com.fasterxml.jackson.databind.JsonNode;
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
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.organisation.OrganisationMessages;
import th.or.depa.smartcity.organisation.Organisations;
import th.or.depa.smartcity.store.OrganisationRow;

/** ADMIN registers organisations; staff read them all, a CITY only its own (api.md, Organisations). */
@Path("/api/organisations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class OrganisationsResource {

    private static final Map<String, JsonBodies.Type> FIELDS = Map.of("id", JsonBodies.Type.TEXT,
            "nameTh", JsonBodies.Type.TEXT, "nameEn", JsonBodies.Type.TEXT, "province", JsonBodies.Type.TEXT,
            "kind", JsonBodies.Type.TEXT);

    private final Organisations organisations;

    public OrganisationsResource(Organisations organisations) {
        this.organisations = organisations;
    }

    @POST
    @RolesAllowed(Role.ADMIN_)
    public Response create(@Auth User admin, InputStream body) {
        Map<String, JsonNode> b = JsonBodies.read(body, FIELDS, Set.of("id", "nameTh", "nameEn", "province", "kind"));
        OrganisationRow row = organisations.create(admin, new Organisations.Fields(JsonBodies.text(b, "id"),
                JsonBodies.text(b, "nameTh"), JsonBodies.text(b, "nameEn"), JsonBodies.text(b, "province"),
                JsonBodies.text(b, "kind")));
        return Response.created(URI.create("/api/organisations/" + row.id())).entity(describe(row)).build();
    }

    @GET
    @PermitAll
    public Map<String, Object> list(@Auth User caller) {
        return Map.of("items", organisations.list(caller).stream().map(this::describe).toList());
    }

    @GET
    @Path("/{id}")
    @PermitAll
    public Map<String, Object> get(@Auth User caller, @PathParam("id") String id) {
        return organisations.find(caller, id).map(this::describe)
                .orElseThrow(() -> new ApiException(404, "no such organisation"));
    }

    private Map<String, Object> describe(OrganisationRow o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("nameTh", o.nameTh());
        m.put("nameEn", o.nameEn());
        m.put("province", o.province());
        m.put("provinceTh", organisations.provinceTh(o.province()));
        m.put("kind", o.kind());
        m.put("kindLabel", Map.of("en", OrganisationMessages.text("kind." + o.kind(), "en"),
                "th", OrganisationMessages.text("kind." + o.kind(), "th")));
        m.put("createdAt", o.createdAt());
        m.put("createdBy", o.createdBy());
        return m;
    }
}
