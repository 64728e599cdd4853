package th.or.depa.smartcity.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.Http;
import th.or.depa.smartcity.support.TestApps;
import th.or.depa.smartcity.support.TestDatabases;

/** The document, the plan's schema and Swagger UI are served without a token, from the service itself. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenApiServedTest {

    static final DropwizardAppExtension<SmartCityConfiguration> APP = TestApps.on(TestDatabases.freshH2());
    private static final ObjectMapper JSON = new ObjectMapper();

    private Http http() {
        return Http.local(APP.getLocalPort());
    }

    @Test
    void theJsonDocumentIsOpenApi31WithThePlanSchemaInlined() throws Exception {
        Http.Answer a = http().get("/openapi.json", null);
        assertEquals(200, a.status());
        assertTrue(a.header("Content-Type").startsWith("application/json"), a.header("Content-Type"));
        assertEquals("3.1.0", a.body().path("openapi").asText());
        JsonNode plan = a.body().at("/components/schemas/Plan");
        assertEquals(List.of("applicant", "city"), JSON.convertValue(plan.path("required"), List.class));
        assertEquals(List.of(), unresolvedRefs(a.body(), a.body(), new ArrayList<>()));
    }

    @Test
    void theYamlDocumentIsTheSameDocument() throws Exception {
        Http.Answer yaml = http().get("/openapi.yaml", null);
        assertEquals(200, yaml.status());
        assertTrue(yaml.header("Content-Type").startsWith("application/yaml"), yaml.header("Content-Type"));
        assertEquals(http().get("/openapi.json", null).body(), new YAMLMapper().readTree(yaml.raw()));
    }

    @Test
    void thePlanSchemaIsServedAsItsSourceFile() throws Exception {
        Http.Answer a = http().get("/schemas/plan.json", null);
        assertEquals(200, a.status());
        try (InputStream in = getClass().getResourceAsStream("/openapi/plan.schema.json")) {
            assertEquals(JSON.readTree(in), JSON.readTree(a.raw()));
        }
        assertEquals("https://json-schema.org/draft/2020-12/schema", JSON.readTree(a.raw()).path("$schema").asText());
    }

    @Test
    void swaggerUiIsServedByTheServiceUnderItsOwnPolicy() throws Exception {
        Http.Answer page = http().get("/docs", null);
        assertEquals(200, page.status());
        assertTrue(page.raw().contains("/docs/swagger-ui-bundle.js") && !page.raw().contains("https://"), page.raw());
        assertTrue(page.header("Content-Security-Policy").contains("script-src 'self'"));
        Http.Answer bundle = http().get("/docs/swagger-ui-bundle.js", null);
        assertEquals(200, bundle.status());
        assertTrue(bundle.raw().length() > 100_000);
        assertTrue(http().get("/docs/docs-init.js", null).raw().contains("/openapi.json"));
        assertEquals(404, http().get("/docs/pom.properties", null).status());
    }

    @Test
    void docsServesOnlyItsOwnFilesWhateverThePathSpelling() throws Exception {
        // the allow-list is matched by exact name: a path that climbs out, however it is spelled, reaches nothing
        for (String target : java.util.List.of("/docs/../openapi/docs.html", "/docs/..%2Fopenapi%2Fdocs-init.js",
                "/docs/%2e%2e%2fMETA-INF%2fMANIFEST.MF", "/docs/..%5c..%5cconfig.yml", "/docs/swagger-ui.css%00.js",
                "/docs/%2E%2E/%2E%2E/th/or/depa/smartcity/SmartCityApplication.class", "/docs/pom.properties",
                "/docs/META-INF%2Fmaven%2Forg.webjars%2Fswagger-ui%2Fpom.properties")) {
            th.or.depa.smartcity.support.RawHttp.Answer a = th.or.depa.smartcity.support.RawHttp.send("127.0.0.1",
                    APP.getLocalPort(), th.or.depa.smartcity.support.RawHttp.get(target, "localhost"));
            assertTrue(a.status() >= 400 && a.status() < 500, target + " answered " + a.status());
            assertTrue(!a.body().contains("Manifest-Version") && !a.body().contains("version=")
                    && !a.body().contains("database:"), target + " leaked " + a.body());
        }
    }

    @Test
    void everyExchangeOfATestAppIsChecked() throws Exception {
        long before = ApiConformance.checked();
        http().get("/api/criteria", null);
        http().get("/ui/signin", null); // not the API: not checked
        assertEquals(before + 1, ApiConformance.checked());
    }

    /** Every "$ref": "#/..." of the served document points at something inside it. */
    private static List<String> unresolvedRefs(JsonNode root, JsonNode node, List<String> out) {
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isTextual() && (!ref.asText().startsWith("#/") || root.at(ref.asText().substring(1)).isMissingNode())) {
            out.add(ref.asText());
        }
        node.forEach(child -> unresolvedRefs(root, child, out));
        return out;
    }
}
