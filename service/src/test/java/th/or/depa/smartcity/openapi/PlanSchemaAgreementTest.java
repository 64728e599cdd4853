package th.or.depa.smartcity.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import th.or.depa.smartcity.plan.FieldError;
import th.or.depa.smartcity.plan.PlanFormatException;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.PlanMutator;

/**
 * The plan's JSON Schema (/schemas/plan.json) accepts exactly the plans PlanReader accepts, and where both refuse one
 * they name the same field; the only exceptions are the checks the schema's description lists as beyond it.
 */
class PlanSchemaAgreementTest {

    private static final ObjectMapper MAPPER = Jackson.newObjectMapper();
    private static final PlanReader READER = new PlanReader(MAPPER, Provinces.load());
    private static final Schema SCHEMA = schema();
    /** Reader messages for what the schema cannot say (its description lists them; docs/openapi.md too). */
    private static final List<String> BEYOND_THE_SCHEMA = List.of("unknown province", "duplicate domain",
            "duplicate field", "must be a whole number", "decimal places", "lone surrogate", "too many errors");
    private static final int MUTATIONS_PER_EXAMPLE = 400;

    private static Schema schema() {
        try (InputStream in = PlanSchemaAgreementTest.class.getResourceAsStream("/openapi/plan.schema.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(SchemaLocation.of("https://smartcity.invalid/schemas/plan.json"), text, InputFormat.JSON);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Api.EXAMPLES)) {
            List<Path> plans = files.filter(p -> p.toString().endsWith(".plan.json")).sorted().toList();
            assertFalse(plans.isEmpty(), "no examples in " + Api.EXAMPLES.toAbsolutePath());
            return plans.stream();
        }
    }

    /** The reader's verdict: null when it accepts, its errors when it refuses the plan's content (not its JSON). */
    private static List<FieldError> readerErrors(String json) {
        try {
            READER.read(json.getBytes(StandardCharsets.UTF_8));
            return null;
        } catch (PlanFormatException e) {
            return e.errors();
        }
    }

    /** The fields the schema's errors point at, in the reader's notation (domains[0].services[1].budgetThb). */
    private static Set<String> schemaFields(JsonNode plan) {
        Set<String> fields = new LinkedHashSet<>();
        for (Error e : SCHEMA.validate(plan)) {
            String at = readerPath(e.getInstanceLocation().toString());
            boolean named = ("required".equals(e.getKeyword()) || "additionalProperties".equals(e.getKeyword()))
                    && e.getProperty() != null;
            fields.add(named ? (at.isEmpty() ? e.getProperty() : at + "." + e.getProperty()) : at);
        }
        return fields;
    }

    /** A JSON pointer (/domains/0/services) in the reader's notation (domains[0].services). */
    private static String readerPath(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String step : pointer.split("/")) {
            if (step.isEmpty()) {
                continue;
            }
            String name = step.replace("~1", "/").replace("~0", "~");
            out.append(name.matches("\\d+") ? "[" + name + "]" : (out.length() == 0 ? "" : ".") + name);
        }
        return out.toString();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theSchemaAcceptsEveryExamplePlanTheReaderAccepts(Path example) throws IOException {
        String json = Files.readString(example);
        assertEquals(null, readerErrors(json), "the reader refuses " + example);
        assertEquals(Set.of(), schemaFields(MAPPER.readTree(json)), "the schema refuses " + example);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void onMutatedPlansTheSchemaAndTheReaderAgreeAndNameTheSameField(Path example) throws Exception {
        String original = Files.readString(example);
        PlanMutator mutator = new PlanMutator(example.getFileName().toString().hashCode());
        List<String> disagreements = new ArrayList<>();
        int refusedByBoth = 0;
        for (int i = 0; i < MUTATIONS_PER_EXAMPLE; i++) {
            String json = mutator.mutate(original);
            JsonNode tree;
            try {
                tree = MAPPER.readTree(json);
            } catch (IOException notJson) {
                continue; // 400 before any schema: not what a schema describes
            }
            if (tree == null || !tree.isObject()) {
                continue;
            }
            List<FieldError> reader;
            try {
                reader = readerErrors(json);
            } catch (RuntimeException e) {
                continue;
            }
            if (reader != null && reader.stream().anyMatch(f -> f.message().contains("JSON"))) {
                continue;
            }
            Set<String> schema = schemaFields(tree);
            if (reader == null && !schema.isEmpty()) {
                disagreements.add("the schema refuses what the reader accepts at " + schema + ": " + json);
            } else if (reader != null && schema.isEmpty()) {
                if (!reader.stream().allMatch(f -> BEYOND_THE_SCHEMA.stream().anyMatch(f.message()::contains))) {
                    disagreements.add("the schema accepts what the reader refuses: " + reader + ": " + abbreviate(json));
                }
            } else if (reader != null) {
                refusedByBoth++;
                boolean sameField = reader.stream().anyMatch(f -> schema.stream().anyMatch(s -> within(f.field(), s))
                        || BEYOND_THE_SCHEMA.stream().anyMatch(f.message()::contains));
                if (!sameField) {
                    disagreements.add("the reader names " + reader + ", the schema " + schema + ": " + abbreviate(json));
                }
            }
        }
        assertTrue(refusedByBoth > MUTATIONS_PER_EXAMPLE / 4, "too few refused mutations to mean anything: " + refusedByBoth);
        if (!disagreements.isEmpty()) {
            fail(disagreements.size() + " disagreements, e.g.:\n" + String.join("\n", disagreements.subList(0,
                    Math.min(10, disagreements.size()))));
        }
    }

    /** The schema's description owns up to these; the reader refuses each with a 422 naming the field. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "city.province | \"Atlantis\"",
        "city.population | 3.0",
        "city.areaKm2 | 0.000000000000000000001",
        "vision | \"\\ud800\"",
    })
    void theSchemaCannotTellWhatItsDescriptionSaysItCannot(String field, String raw) throws Exception {
        String json = Files.readString(Api.EXAMPLES.resolve("phuket-livable-pass.plan.json"));
        JsonNode tree = MAPPER.readTree(json);
        String name = field.substring(field.indexOf('.') + 1);
        String parent = field.contains(".") ? field.substring(0, field.indexOf('.')) : null;
        ((com.fasterxml.jackson.databind.node.ObjectNode) (parent == null ? tree : tree.get(parent))).put(name, "@@");
        String edited = tree.toString().replace("\"@@\"", raw);
        List<FieldError> reader = readerErrors(edited);
        assertTrue(reader != null && reader.stream().anyMatch(f -> f.field().equals(field)), String.valueOf(reader));
        assertEquals(Set.of(), schemaFields(MAPPER.readTree(edited)));
    }

    @Test
    void theSameDomainTwiceIsBeyondTheSchema() throws Exception {
        JsonNode plan = MAPPER.readTree(Files.readString(Api.EXAMPLES.resolve("phuket-livable-pass.plan.json")));
        ((com.fasterxml.jackson.databind.node.ArrayNode) plan.get("domains")).add(plan.get("domains").get(0).deepCopy());
        List<FieldError> reader = readerErrors(plan.toString());
        assertTrue(reader != null && reader.get(0).message().startsWith("duplicate domain"), String.valueOf(reader));
        assertEquals(Set.of(), schemaFields(plan));
    }

    @Test
    void aBlankRequiredTextAndAMissingRequiredFieldAreRefusedByBothAtTheField() throws Exception {
        JsonNode plan = MAPPER.readTree(Files.readString(Api.EXAMPLES.resolve("phuket-livable-pass.plan.json")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) plan.get("city")).put("name", "  ");
        ((com.fasterxml.jackson.databind.node.ObjectNode) plan.get("applicant")).remove("type");
        List<String> reader = readerErrors(plan.toString()).stream().map(FieldError::field).toList();
        assertEquals(List.of("city.name", "applicant.type"), reader.stream().sorted(java.util.Comparator.reverseOrder()).toList());
        assertTrue(schemaFields(plan).containsAll(reader), schemaFields(plan).toString());
    }

    /** The same field, or one inside it (a value nested too deeply is named where the depth ran out). */
    private static boolean within(String field, String schemaField) {
        return field.equals(schemaField) || field.startsWith(schemaField + "[") || field.startsWith(schemaField + ".");
    }

    private static String abbreviate(String json) {
        return json.length() > 300 ? json.substring(0, 300) + "..." : json;
    }
}
