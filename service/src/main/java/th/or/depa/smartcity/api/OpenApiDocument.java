package th.or.depa.smartcity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The OpenAPI document as served: openapi/openapi.yaml with the plan's schema (openapi/plan.schema.json, the one
 * source of both) inlined under components.schemas.Plan, its $defs moved beside it as Plan.* so that every $ref of
 * the document resolves inside it. Built once; the YAML and JSON texts are the same document.
 */
public final class OpenApiDocument {

    static final String YAML_RESOURCE = "/openapi/openapi.yaml";
    static final String SCHEMA_RESOURCE = "/openapi/plan.schema.json";
    private static final String DEFS_PREFIX = "Plan.";

    private final JsonNode planSchema;
    private final JsonNode document;
    private final String json;
    private final String yaml;

    private OpenApiDocument(JsonNode planSchema, JsonNode document, String json, String yaml) {
        this.planSchema = planSchema;
        this.document = document;
        this.json = json;
        this.yaml = yaml;
    }

    /** Reads both resources; a broken document stops the service at start rather than at the first reader. */
    public static OpenApiDocument load() {
        ObjectMapper mapper = new ObjectMapper();
        YAMLMapper yamlMapper = new YAMLMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
        try {
            JsonNode schema = mapper.readTree(read(SCHEMA_RESOURCE));
            ObjectNode doc = (ObjectNode) yamlMapper.readTree(read(YAML_RESOURCE));
            inline(doc, schema.deepCopy());
            return new OpenApiDocument(schema, doc, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc),
                    yamlMapper.writeValueAsString(doc));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI document", e);
        }
    }

    /** The plan's JSON Schema as served at /schemas/plan.json. */
    public JsonNode planSchema() {
        return planSchema;
    }

    public JsonNode tree() {
        return document;
    }

    public String json() {
        return json;
    }

    public String yaml() {
        return yaml;
    }

    private static void inline(ObjectNode doc, JsonNode schema) {
        ObjectNode schemas = (ObjectNode) doc.path("components").path("schemas");
        ObjectNode plan = (ObjectNode) schema;
        JsonNode defs = plan.remove("$defs");
        plan.remove("$id"); // an $id would move the base of the refs below out of this document
        plan.remove("$schema"); // the document's jsonSchemaDialect (2020-12) applies
        rewriteRefs(plan);
        schemas.set("Plan", plan);
        if (defs != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = defs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> def = it.next();
                rewriteRefs(def.getValue());
                schemas.set(DEFS_PREFIX + def.getKey(), def.getValue());
            }
        }
    }

    /** "#/$defs/x" of the schema file becomes "#/components/schemas/Plan.x" of the document. */
    private static void rewriteRefs(JsonNode node) {
        if (node instanceof ObjectNode o) {
            JsonNode ref = o.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/$defs/")) {
                o.put("$ref", "#/components/schemas/" + DEFS_PREFIX + ref.asText().substring("#/$defs/".length()));
            }
        }
        node.forEach(OpenApiDocument::rewriteRefs);
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
