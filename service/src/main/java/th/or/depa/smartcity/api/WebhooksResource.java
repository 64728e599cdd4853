package th.or.depa.smartcity.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.auth.Auth;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.notification.WebhookRefused;
import th.or.depa.smartcity.notification.Webhooks;
import th.or.depa.smartcity.plan.FieldError;

/**
 * Webhooks (README, Notifications): a CITY's belong to its organisation, a COMMITTEE member's to its body; an ADMIN
 * names the owner and sees all. The secret is in the answer to POST only. Another owner's webhook is 404.
 */
@Path("/api/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@RolesAllowed({Role.CITY_, Role.COMMITTEE_, Role.ADMIN_})
public class WebhooksResource {

    private static final Map<String, JsonBodies.Type> FIELDS = Map.of("url", JsonBodies.Type.TEXT,
            "secret", JsonBodies.Type.TEXT, "organisation", JsonBodies.Type.TEXT, "body", JsonBodies.Type.TEXT);

    private final Webhooks webhooks;

    public WebhooksResource(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    public Response register(@Auth User user, InputStream body) {
        Map<String, JsonNode> b = JsonBodies.read(body, FIELDS, Set.of("url"));
        Webhooks.View v = refusing(() -> webhooks.register(user, JsonBodies.text(b, "url"),
                JsonBodies.text(b, "secret"), JsonBodies.text(b, "organisation"), JsonBodies.text(b, "body")));
        return Response.created(URI.create("/api/webhooks/" + v.id())).entity(v).build();
    }

    @GET
    public Map<String, Object> list(@Auth User user) {
        return Map.of("items", refusing(() -> webhooks.list(user)));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@Auth User user, @PathParam("id") String id) {
        if (!webhooks.delete(user, id)) {
            throw new ApiException(404, "no such webhook");
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/deliveries")
    public Webhooks.Log deliveries(@Auth User user, @PathParam("id") String id) {
        return webhooks.log(user, id).orElseThrow(() -> new ApiException(404, "no such webhook"));
    }

    private static <T> T refusing(Supplier<T> call) {
        try {
            return call.get();
        } catch (WebhookRefused e) {
            throw new ApiException(e.status(), (e.field().isEmpty() ? "" : e.field() + ": ") + e.en(),
                    e.field().isEmpty() ? List.of() : List.of(new FieldError(e.field(), e.en(), new FieldError.Reason(e.en(), e.th()))),
                    new ApiException.Bilingual(e.en(), e.th()));
        }
    }
}
