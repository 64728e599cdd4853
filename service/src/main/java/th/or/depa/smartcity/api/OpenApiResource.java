package th.or.depa.smartcity.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

/**
 * The API's description, public like /api/criteria: the OpenAPI document (YAML and JSON), the plan's JSON Schema, and
 * Swagger UI at /docs served from its webjar by the service itself (no CDN: the CSP allows only 'self').
 */
@Path("/")
public class OpenApiResource {

    /** Scripts from 'self' only; Swagger UI sets inline styles and draws icons as data: images. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; "
            + "base-uri 'none'";
    private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/";
    /** The Swagger UI files /docs serves, with their types; nothing else of the class path. */
    private static final Map<String, String> UI_FILES = Map.of(
            "swagger-ui.css", "text/css; charset=UTF-8",
            "swagger-ui-bundle.js", "text/javascript; charset=UTF-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=UTF-8",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");

    private final OpenApiDocument document;
    private final String uiVersion;

    public OpenApiResource(OpenApiDocument document) {
        this.document = document;
        this.uiVersion = webjarVersion();
    }

    @GET
    @Path("openapi.yaml")
    public Response yaml() {
        return Response.ok(document.yaml(), "application/yaml; charset=UTF-8").build();
    }

    @GET
    @Path("openapi.json")
    public Response json() {
        return Response.ok(document.json(), "application/json; charset=UTF-8").build();
    }

    @GET
    @Path("schemas/plan.json")
    public Response planSchema() {
        return Response.ok(document.planSchema().toPrettyString(), "application/schema+json; charset=UTF-8").build();
    }

    @GET
    @Path("docs")
    public Response docs() throws IOException {
        return file("/openapi/docs.html", "text/html; charset=UTF-8");
    }

    @GET
    @Path("docs/{name}")
    public Response docsFile(@PathParam("name") String name) throws IOException {
        if (name.equals("docs-init.js")) {
            return file("/openapi/docs-init.js", "text/javascript; charset=UTF-8");
        }
        String type = UI_FILES.get(name);
        return type == null ? Response.status(404).build() : file(WEBJAR + uiVersion + "/" + name, type);
    }

    private static Response file(String resource, String type) throws IOException {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Response.status(404).build();
            }
            return Response.ok(in.readAllBytes(), type).header("Content-Security-Policy", CSP)
                    .header("X-Content-Type-Options", "nosniff").header(HttpHeaders.CACHE_CONTROL, "max-age=300").build();
        }
    }

    /** The webjar's version, from its Maven metadata, so that a version bump in the pom needs no change here. */
    private static String webjarVersion() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(
                "/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "");
        } catch (IOException e) {
            return "";
        }
    }
}
