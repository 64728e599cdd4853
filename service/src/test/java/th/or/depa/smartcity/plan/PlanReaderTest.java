package th.or.depa.smartcity.plan;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import th.or.depa.smartcity.support.Api;

class PlanReaderTest {
    private static final ObjectMapper MAPPER = Jackson.newObjectMapper();
    private static final Path EXAMPLES = Api.EXAMPLES;
    /** Every field of plan.md is present in this example. */
    private static final String FULL = "phuket-livable-pass.plan.json";
    /** Only the required fields. */
    private static final String MINIMAL = "minimal-fails-everything.plan.json";
    private static final String MARKER = "@@raw@@";
    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private final PlanReader reader = new PlanReader(MAPPER, Provinces.load());

    // ---- helpers -------------------------------------------------------------------------------------------

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            List<Path> plans = files.filter(p -> p.getFileName().toString().endsWith(".plan.json")).sorted().toList();
            assertFalse(plans.isEmpty(), "no examples in " + EXAMPLES.toAbsolutePath());
            return plans.stream();
        }
    }

    private static ObjectNode example(String name) {
        try {
            return (ObjectNode) MAPPER.readTree(EXAMPLES.resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The example as JSON text with edits "path=raw JSON" applied (path as in error reports, e.g.
     * domains[0].services[0].budgetThb); raw text goes in verbatim so that 3.0 or 1e999999 stay as written.
     */
    private static String with(String exampleName, String... edits) {
        ObjectNode root = example(exampleName);
        List<String> raws = new ArrayList<>();
        for (String edit : edits) {
            int eq = edit.indexOf('=');
            String marker = MARKER + raws.size();
            raws.add(edit.substring(eq + 1));
            put(root, edit.substring(0, eq), TextNode.valueOf(marker));
        }
        String json = root.toString();
        for (int i = 0; i < raws.size(); i++) {
            json = json.replace("\"" + MARKER + i + "\"", raws.get(i));
        }
        return json;
    }

    /** The example as JSON text without the field at path. */
    private static String without(String exampleName, String path) {
        ObjectNode root = example(exampleName);
        put(root, path, null);
        return root.toString();
    }

    /** Sets (or with null removes) the value at path, creating missing objects on the way. */
    private static void put(ObjectNode root, String path, JsonNode value) {
        List<String> steps = new ArrayList<>();
        Matcher m = STEP.matcher(path);
        while (m.find()) {
            steps.add(m.group());
        }
        JsonNode parent = root;
        for (String step : steps.subList(0, steps.size() - 1)) {
            JsonNode next = step.startsWith("[") ? parent.get(index(step)) : parent.get(step);
            if (next == null) {
                next = ((ObjectNode) parent).putObject(step);
            }
            parent = next;
        }
        String last = steps.get(steps.size() - 1);
        if (last.startsWith("[")) {
            ArrayNode array = (ArrayNode) parent;
            if (value == null) {
                array.remove(index(last));
            } else if (index(last) == array.size()) {
                array.add(value);
            } else {
                array.set(index(last), value);
            }
        } else if (value == null) {
            ((ObjectNode) parent).remove(last);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    private static int index(String step) {
        return Integer.parseInt(step.substring(1, step.length() - 1));
    }

    private static String quoted(String text) {
        return TextNode.valueOf(text).toString();
    }

    private Plan accepted(String json) {
        return reader.read(json.getBytes(UTF_8));
    }

    private PlanFormatException refused(String json) {
        return refused(json.getBytes(UTF_8));
    }

    private PlanFormatException refused(byte[] body) {
        return assertThrows(PlanFormatException.class, () -> reader.read(body));
    }

    /** Refused with 422 and exactly this one error. */
    private void assertRefused(String json, String field, String message) {
        PlanFormatException e = refused(json);
        assertAll(() -> assertEquals(422, e.status()),
                () -> assertEquals(List.of(new FieldError(field, message)), e.errors()));
    }

    // ---- tests ---------------------------------------------------------------------------------------------

    @Nested
    class ValidPlans {
        @ParameterizedTest(name = "{0}")
        @MethodSource("th.or.depa.smartcity.plan.PlanReaderTest#examples")
        void everyExampleIsReadFromItsBytes(Path file) throws IOException {
            Plan plan = reader.read(Files.readAllBytes(file));
            assertFalse(plan.applicant().name().isBlank());
            assertTrue(Provinces.load().names().contains(plan.city().province()));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("th.or.depa.smartcity.plan.PlanReaderTest#examples")
        void everyExampleIsReadFromAParsedTreeAsFromBytes(Path file) throws IOException {
            JsonNode tree = MAPPER.readTree(file.toFile());
            assertEquals(MAPPER.readTree(MAPPER.writeValueAsString(reader.read(Files.readAllBytes(file)))),
                    MAPPER.readTree(MAPPER.writeValueAsString(reader.read(tree))));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("th.or.depa.smartcity.plan.PlanReaderTest#examples")
        void everyFieldOfEveryExampleSurvivesTheRoundTrip(Path file) throws IOException {
            Plan plan = reader.read(Files.readAllBytes(file));
            assertEquals(MAPPER.readTree(file.toFile()), MAPPER.readTree(MAPPER.writeValueAsString(plan)));
        }

        @Test
        void theFullExampleGivesTypedValues() {
            Plan plan = accepted(with(FULL));
            assertAll(
                    () -> assertEquals(new BigDecimal("12.0"), plan.city().areaKm2()),
                    () -> assertEquals(79000L, plan.city().population()),
                    () -> assertEquals(2022, plan.period().startYear()),
                    () -> assertEquals(List.of("FIBRE_BROADBAND", "PUBLIC_WIFI", "IOT_NETWORK", "CCTV"),
                            plan.infrastructure().digital()),
                    () -> assertEquals(new BigDecimal("18000000"), plan.domains().get(0).services().get(0).budgetThb()),
                    () -> assertEquals(Boolean.TRUE, plan.dataPlatform().privacyCompliance()),
                    () -> assertEquals(42L, plan.dataPlatform().datasets()),
                    () -> assertEquals("PRIVATE", plan.finance().sources().get(1).source()));
        }

        @Test
        void theMinimalExampleLeavesEverythingElseNull() {
            Plan plan = accepted(with(MINIMAL));
            assertAll(() -> assertEquals("Sikhio Town Municipality", plan.applicant().name()),
                    () -> assertEquals("Nakhon Ratchasima", plan.city().province()),
                    () -> assertNull(plan.vision()), () -> assertNull(plan.domains()), () -> assertNull(plan.finance()));
        }

        @Test
        void emptyListsAreFine() {
            Plan plan = accepted(with(MINIMAL, "goals=[]", "domains=[]", "infrastructure.physical=[]"));
            assertEquals(List.of(), plan.goals());
            assertEquals(List.of(), plan.infrastructure().physical());
        }

        @Test
        void kpiBaselineAndTargetMayBeNegativeDecimals() {
            Plan plan = accepted(with(FULL, "domains[0].services[0].kpis[0].baseline=-2.5",
                    "domains[0].services[0].kpis[0].target=-0.75"));
            assertEquals(new BigDecimal("-2.5"), plan.domains().get(0).services().get(0).kpis().get(0).baseline());
            assertEquals(new BigDecimal("-0.75"), plan.domains().get(0).services().get(0).kpis().get(0).target());
        }

        @Test
        void amountsKeepTheirDecimalsExactly() {
            assertEquals(new BigDecimal("1234567.89"), accepted(with(FULL, "finance.totalBudgetThb=1234567.89"))
                    .finance().totalBudgetThb());
        }

        @Test
        void physicalInfrastructureIsAnyUpperCaseWord() {
            assertEquals(List.of("SMART_POLES", "EV_CHARGERS", "LED_STREETLIGHTS_2"),
                    accepted(with(FULL, "infrastructure.physical=[\"SMART_POLES\",\"EV_CHARGERS\",\"LED_STREETLIGHTS_2\"]"))
                            .infrastructure().physical());
        }

        @Test
        void zeroIsNotNegative() {
            Plan plan = accepted(with(FULL, "city.population=0", "finance.totalBudgetThb=0", "management.staff=0"));
            assertEquals(0L, plan.city().population());
        }
    }

    @Nested
    class UnknownFields {
        @Test
        void atTheTopLevelAreRefusedByName() {
            assertRefused(with(MINIMAL, "colour=\"green\""), "colour", "unknown field");
        }

        @Test
        void inANestedObjectAreRefusedWithTheirPath() {
            assertRefused(with(MINIMAL, "city.colour=\"green\""), "city.colour", "unknown field");
        }

        @Test
        void deepInsideListsAreRefusedWithIndexes() {
            assertRefused(with(FULL, "domains[1].services[0].kpis[0].unitt=\"%\""),
                    "domains[1].services[0].kpis[0].unitt", "unknown field");
        }

        @Test
        void areRefusedEvenWhenNull() {
            assertRefused(with(MINIMAL, "colour=null"), "colour", "unknown field");
        }

        @Test
        void fieldNamesAreCaseSensitive() {
            assertRefused(with(MINIMAL, "Vision=\"x\""), "Vision", "unknown field");
        }
    }

    @Nested
    class WrongTypes {
        @ParameterizedTest(name = "{0} = {1}: {2}")
        @CsvSource(delimiter = '|', value = {
                "reference|12|must be a string",
                "applicant.nameTh|true|must be a string",
                "city.name|{\"en\":\"x\"}|must be a string",
                "vision|[\"a\"]|must be a string",
                "goals|\"one goal\"|must be a list",
                "goals[0]|7|must be a string",
                "domains|{}|must be a list",
                "domains[0]|\"ENVIRONMENT\"|must be an object",
                "period|[2022, 2026]|must be an object",
                "city.areaKm2|\"12\"|must be a number",
                "city.population|\"79000\"|must be a whole number",
                "participation.hearings|true|must be a whole number",
                "dataPlatform.openData|\"true\"|must be true or false",
                "dataPlatform.cybersecurity|1|must be true or false",
                "domains[0].services[0].kpis[0].target|\"12\"|must be a number",
                "applicant.type|1|must be a string",
        })
        void areRefusedWithTheFieldPath(String path, String raw, String message) {
            assertRefused(with(FULL, path + "=" + raw), path, message);
        }
    }

    @Nested
    class WholeNumbers {
        @Test
        void aDecimalPopulationIsRefused() {
            assertRefused(with(FULL, "city.population=3.5"), "city.population", "must be a whole number");
        }

        @Test
        void aYearWrittenWithAFractionIsRefusedEvenWhenItIsWhole() {
            assertRefused(with(FULL, "period.startYear=2024.0"), "period.startYear", "must be a whole number");
        }

        @Test
        void aCountInExponentNotationIsRefused() {
            assertRefused(with(FULL, "management.staff=1e1"), "management.staff", "must be a whole number");
        }

        @Test
        void aCountBeyondTheLongRangeIsRefused() {
            assertRefused(with(FULL, "participation.participants=9223372036854775808"),
                    "participation.participants", "must be at most 9223372036854775807");
        }

        @Test
        void theLargestLongIsAccepted() {
            assertEquals(Long.MAX_VALUE, accepted(with(FULL, "city.population=9223372036854775807")).city().population());
        }

        @Test
        void anEnormousIntegerIsAFormatError() {
            assertRefused(with(FULL, "dataPlatform.datasets=" + "9".repeat(500)), "dataPlatform.datasets",
                    "must be at most 9223372036854775807");
        }
    }

    @Nested
    class Enumerations {
        @Test
        void anUnknownValueIsRefusedListingTheAllowedOnes() {
            assertRefused(with(MINIMAL, "city.kind=\"OLD\""), "city.kind", "must be one of LIVABLE, NEW");
        }

        @Test
        void valuesAreCaseSensitive() {
            assertRefused(with(MINIMAL, "applicant.type=\"local_government\""), "applicant.type",
                    "must be one of LOCAL_GOVERNMENT, STATE_AGENCY, STATE_ENTERPRISE, PRIVATE, UNIVERSITY, PARTNERSHIP");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "domains[1].domain|SPACE|must be one of ENVIRONMENT, ECONOMY, MOBILITY, ENERGY, PEOPLE, LIVING, GOVERNANCE",
                "infrastructure.digital[2]|WIFI|must be one of FIBRE_BROADBAND, MOBILE_5G, PUBLIC_WIFI, IOT_NETWORK, CCTV, SENSORS, DATA_CENTER, CLOUD",
                "dataPlatform.status|RUNNING|must be one of OPERATING, IN_DEVELOPMENT, PLANNED, NONE",
                "participation.sectors[3]|NGO|must be one of GOVERNMENT, PRIVATE, ACADEMIC, CITIZENS",
                "finance.sources[1].source|BANK|must be one of GOVERNMENT, LOCAL, PRIVATE, PPP, INTERNATIONAL, OTHER",
                "infrastructure.physical[0]|smart poles|must be an upper-case word (A-Z, 0-9 and _)",
        })
        void everyEnumerationIsChecked(String path, String value, String message) {
            assertRefused(with(FULL, path + "=" + quoted(value)), path, message);
        }
    }

    @Nested
    class Domains {
        @Test
        void aDomainTwiceIsRefusedAtItsSecondPlace() {
            assertRefused(with(FULL, "domains[2].domain=\"ENVIRONMENT\""), "domains[2].domain",
                    "duplicate domain ENVIRONMENT");
        }

        @Test
        void eachRepeatIsReported() {
            PlanFormatException e = refused(with(FULL, "domains[1].domain=\"ENVIRONMENT\"",
                    "domains[2].domain=\"ENVIRONMENT\""));
            assertEquals(List.of(new FieldError("domains[1].domain", "duplicate domain ENVIRONMENT"),
                    new FieldError("domains[2].domain", "duplicate domain ENVIRONMENT")), e.errors());
        }

        @Test
        void aDomainObjectWithoutADomainIsNotAFormatError() {
            assertNull(accepted(without(FULL, "domains[0].domain")).domains().get(0).domain());
        }
    }

    @Nested
    class RequiredFields {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"applicant.name", "applicant.type", "city.name", "city.province", "city.kind"})
        void aMissingOneIsRefused(String path) {
            assertRefused(without(MINIMAL, path), path, "is required");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"applicant.name", "applicant.type", "city.name", "city.province", "city.kind"})
        void aNullOneCountsAsMissing(String path) {
            assertRefused(with(MINIMAL, path + "=null"), path, "is required");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"applicant.name", "applicant.type", "city.name", "city.province", "city.kind"})
        void aBlankOneIsRefused(String path) {
            assertRefused(with(MINIMAL, path + "=\" \\t \""), path, "must not be blank");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"applicant", "city"})
        void theirObjectsAreRequiredToo(String path) {
            assertRefused(without(MINIMAL, path), path, "is required");
        }

        @Test
        void anEmptyObjectMissesAllFive() {
            PlanFormatException e = refused("{\"applicant\": {}, \"city\": {}}");
            assertEquals(List.of(new FieldError("applicant.name", "is required"),
                    new FieldError("applicant.type", "is required"), new FieldError("city.name", "is required"),
                    new FieldError("city.province", "is required"), new FieldError("city.kind", "is required")),
                    e.errors());
        }
    }

    @Nested
    class NegativeNumbers {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"city.areaKm2", "city.population", "domains[0].services[0].budgetThb",
                "finance.totalBudgetThb", "finance.sources[1].amountThb", "participation.hearings",
                "participation.participants", "dataPlatform.datasets", "management.staff"})
        void areRefusedWhereASizeCountOrAmountBelongs(String path) {
            assertRefused(with(FULL, path + "=-1"), path, "must not be negative");
        }

        @Test
        void aNegativeDecimalAmountIsRefused() {
            assertRefused(with(FULL, "finance.sources[0].amountThb=-0.01"), "finance.sources[0].amountThb",
                    "must not be negative");
        }
    }

    @Nested
    class Years {
        @ParameterizedTest(name = "{0} = {1}")
        @CsvSource({"period.startYear, 1999", "period.endYear, 2101", "domains[0].services[0].startYear, 1999",
                "domains[0].services[0].endYear, 2101", "domains[0].services[0].kpis[0].targetYear, 0",
                "period.startYear, -2022", "period.endYear, 99999999999999999999"})
        void outsideTheRangeAreRefused(String path, String year) {
            assertRefused(with(FULL, path + "=" + year), path, "must be between 2000 and 2100");
        }

        @Test
        void theBoundsThemselvesAreAccepted() {
            Plan plan = accepted(with(FULL, "period.startYear=2000", "period.endYear=2100"));
            assertEquals(new Plan.Period(2000, 2100), plan.period());
        }

        @Test
        void theOrderOfYearsIsNotAFormatMatter() {
            assertEquals(new Plan.Period(2030, 2020), accepted(with(FULL, "period.startYear=2030",
                    "period.endYear=2020")).period());
        }
    }

    @Nested
    class Sizes {
        @Test
        void aTextOf10000CharactersIsAccepted() {
            assertEquals(10_000, accepted(with(FULL, "vision=" + quoted("v".repeat(10_000)))).vision().length());
        }

        @Test
        void aTextOf10001CharactersIsRefused() {
            assertRefused(with(FULL, "vision=" + quoted("v".repeat(10_001))), "vision", "must be at most 10000 characters");
        }

        @Test
        void characterMeansCodePointNotByte() {
            String thai = "ก".repeat(10_000); // 30,000 bytes in UTF-8
            assertEquals(thai, accepted(with(FULL, "finance.sustainability=" + quoted(thai))).finance().sustainability());
        }

        @Test
        void theLimitAppliesToTextsInLists() {
            assertRefused(with(FULL, "goals[1]=" + quoted("g".repeat(10_001))), "goals[1]",
                    "must be at most 10000 characters");
        }

        @Test
        void aListOf1000ItemsIsAccepted() {
            assertEquals(1000, accepted(with(FULL, "goals=" + goals(1000))).goals().size());
        }

        @Test
        void aListOf1001ItemsIsRefused() {
            assertRefused(with(FULL, "goals=" + goals(1001)), "goals", "must have at most 1000 items");
        }

        @Test
        void anAreaOfTenToTheMillionIsRefusedAsTooLarge() {
            assertRefused(with(FULL, "city.areaKm2=1e999999"), "city.areaKm2", "must be at most 1000000000000000");
        }

        @Test
        void aNumberBeyondWhatBigDecimalHoldsIsRefused() {
            assertRefused(with(FULL, "finance.totalBudgetThb=1e9999999999"), "finance.totalBudgetThb", "is out of range");
        }

        @Test
        void aNegativeKpiBeyondTheBoundIsRefused() {
            assertRefused(with(FULL, "domains[0].services[0].kpis[0].baseline=-1e16"),
                    "domains[0].services[0].kpis[0].baseline", "must be at least -1000000000000000");
        }

        @Test
        void aVanishinglySmallAmountIsRefused() {
            assertRefused(with(FULL, "city.areaKm2=1e-999999"), "city.areaKm2", "must have at most 20 decimal places");
        }

        @Test
        void aNumberOfThousandsOfDigitsIsAFormatErrorAtItsField() {
            PlanFormatException e = refused(with(FULL, "city.areaKm2=" + "1".repeat(5000)));
            assertEquals(422, e.status());
            assertEquals("city.areaKm2", e.errors().get(0).field());
        }

        @Test
        void veryDeepNestingIsAFormatErrorNotACrash() {
            String deep = "[".repeat(100_000) + "]".repeat(100_000);
            PlanFormatException e = refused(with(MINIMAL, "vision=" + deep));
            assertEquals(422, e.status());
            assertTrue(e.errors().get(0).field().startsWith("vision[0][0]"), e.errors().toString());
        }

        @Test
        void unbalancedDeepNestingIsRefusedToo() {
            assertThrows(PlanFormatException.class, () -> reader.read("{\"a\":".repeat(50_000).getBytes(UTF_8)));
        }

        @Test
        void aDeepTreeHandedOverDirectlyIsNotWalkedIntoUnknownFields() {
            JsonNode deep = JsonNodeFactory.instance.textNode("bottom");
            for (int i = 0; i < 100_000; i++) {
                deep = JsonNodeFactory.instance.arrayNode().add(deep);
            }
            ObjectNode tree = example(MINIMAL);
            tree.set("extra", deep);
            PlanFormatException e = assertThrows(PlanFormatException.class, () -> reader.read(tree));
            assertEquals(List.of(new FieldError("extra", "unknown field")), e.errors());
        }

        private static String goals(int count) {
            return Collections.nCopies(count, "\"g\"").toString();
        }
    }

    @Nested
    class Nulls {
        @Test
        void aNullOptionalFieldIsTheSameAsAnAbsentOne() {
            Plan plan = accepted(with(FULL, "vision=null", "city.areaKm2=null", "dataPlatform=null",
                    "domains[0].services[0].kpis=null"));
            assertAll(() -> assertNull(plan.vision()), () -> assertNull(plan.city().areaKm2()),
                    () -> assertNull(plan.dataPlatform()), () -> assertNull(plan.domains().get(0).services().get(0).kpis()));
        }

        @Test
        void aNullPlanPartLeavesTheReadPlanEqualToOneWithoutIt() {
            assertEquals(accepted(without(FULL, "finance")), accepted(with(FULL, "finance=null")));
        }

        @Test
        void aNullListItemIsRefused() {
            assertRefused(with(FULL, "goals[1]=null"), "goals[1]", "must not be null");
        }

        @Test
        void aNullObjectInAListIsRefused() {
            assertRefused(with(FULL, "finance.sources[0]=null"), "finance.sources[0]", "must not be null");
        }
    }

    @Nested
    class NotAPlanObject {
        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", "   ", "not json", "{\"applicant\":", "{'applicant': 1}", "{\"a\": 1,}",
                "// comment\n{}", "{} {}", "{}x", "nul"})
        void aBodyThatIsNotJsonIs400(String body) {
            PlanFormatException e = refused(body);
            assertEquals(400, e.status());
            assertTrue(e.errors().stream().allMatch(error -> error.field().isEmpty()), e.errors().toString());
        }

        @Test
        void bytesThatAreNotTextAre400() {
            assertEquals(400, refused(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0x00, 0x7b}).status());
        }

        @Test
        void noBodyAtAllIs400() {
            assertEquals(400, refused((byte[]) null).status());
            assertEquals(400, assertThrows(PlanFormatException.class, () -> reader.read((JsonNode) null)).status());
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"[]", "[{\"applicant\": {}}]", "\"plan\"", "42", "null", "true"})
        void jsonThatIsNotAnObjectIs422(String body) {
            assertRefused(body, "", "the body must be a JSON object");
        }

        @Test
        void aTreeThatIsNotAnObjectIs422() {
            PlanFormatException e = assertThrows(PlanFormatException.class, () -> reader.read(NullNode.getInstance()));
            assertEquals(422, e.status());
        }
    }

    @Nested
    class DuplicateKeys {
        @Test
        void aRepeatedTopLevelKeyIsRefused() {
            String json = with(MINIMAL, "vision=\"one\"").replaceFirst("\\}$", ", \"vision\": \"two\"}");
            assertRefused(json, "vision", "duplicate field");
        }

        @Test
        void aRepeatedNestedKeyIsRefusedWithItsPath() {
            String json = "{\"applicant\": {\"name\": \"A\", \"type\": \"PRIVATE\", \"name\": \"B\"},"
                    + " \"city\": {\"name\": \"C\", \"province\": \"Phuket\", \"kind\": \"NEW\"}}";
            assertRefused(json, "applicant.name", "duplicate field");
        }

        @Test
        void theyAreReportedAmongTheOtherProblemsInDocumentOrder() {
            String json = "{\"applicant\": {\"name\": \"A\", \"type\": \"PRIVATE\", \"colour\": 1},"
                    + " \"city\": {\"name\": \"C\", \"province\": \"Phuket\", \"kind\": \"NEW\", \"kind\": \"NEW\"},"
                    + " \"vision\": 5}";
            assertEquals(List.of(new FieldError("applicant.colour", "unknown field"),
                    new FieldError("city.kind", "duplicate field"), new FieldError("vision", "must be a string")),
                    refused(json).errors());
        }
    }

    @Nested
    class CityProvince {
        @ParameterizedTest(name = "\"{0}\" is stored as {1}")
        @CsvSource(delimiter = '|', value = {"chon buri|Chonburi", "nakhon-ratchasima|Nakhon Ratchasima",
                "PHUKET|Phuket", "ภูเก็ต|Phuket", "กรุงเทพมหานคร|Bangkok"})
        void isNormalisedToTheEnglishNameOfTheList(String given, String stored) {
            assertEquals(stored, accepted(with(MINIMAL, "city.province=" + quoted(given))).city().province());
        }

        @Test
        void theNormalisedNameIsWhatIsSerialisedBack() throws IOException {
            Plan plan = accepted(with(MINIMAL, "city.province=" + quoted("chon buri")));
            assertEquals("Chonburi", MAPPER.readTree(MAPPER.writeValueAsString(plan)).at("/city/province").asText());
        }

        @Test
        void anUnknownProvinceIsRefused() {
            assertRefused(with(MINIMAL, "city.province=\"Atlantis\""), "city.province", "unknown province");
        }

        @Test
        void aNumberIsNoProvince() {
            assertRefused(with(MINIMAL, "city.province=83"), "city.province", "must be a string");
        }
    }

    @Nested
    class SeveralProblems {
        @Test
        void areAllReportedTogetherInDocumentOrder() {
            String json = with(FULL,
                    "applicant.type=\"CITY\"",
                    "city.population=-5",
                    "city.province=\"Atlantis\"",
                    "goals[0]=1",
                    "domains[2].domain=\"LIVING\"",
                    "domains[0].services[0].kpis[0].targetYear=1999",
                    "finance.sources[1].amountThb=\"lots\"",
                    "colour=\"green\"");
            PlanFormatException e = refused(json);
            assertEquals(422, e.status());
            assertEquals(List.of(
                    new FieldError("applicant.type",
                            "must be one of LOCAL_GOVERNMENT, STATE_AGENCY, STATE_ENTERPRISE, PRIVATE, UNIVERSITY, PARTNERSHIP"),
                    new FieldError("city.province", "unknown province"),
                    new FieldError("city.population", "must not be negative"),
                    new FieldError("goals[0]", "must be a string"),
                    new FieldError("domains[0].services[0].kpis[0].targetYear", "must be between 2000 and 2100"),
                    new FieldError("domains[2].domain", "duplicate domain LIVING"),
                    new FieldError("finance.sources[1].amountThb", "must be a number"),
                    new FieldError("colour", "unknown field")), e.errors());
        }

        @Test
        void theExceptionMessageNamesTheFirstOnes() {
            PlanFormatException e = refused(with(MINIMAL, "city.kind=\"X\"", "colour=1"));
            assertTrue(e.getMessage().contains("city.kind must be one of LIVABLE, NEW"), e.getMessage());
            assertTrue(e.getMessage().contains("colour unknown field"), e.getMessage());
        }

        @Test
        void theErrorsCannotBeChangedByTheCaller() {
            PlanFormatException e = refused(with(MINIMAL, "colour=1"));
            assertThrows(UnsupportedOperationException.class, () -> e.errors().clear());
        }
    }

    @org.junit.jupiter.api.Test
    void aNulCharacterInATextIsAFormatErrorBecausePostgresCannotStoreIt() {
        String json = "{\"applicant\":{\"name\":\"A\\u0000B\",\"type\":\"PRIVATE\"},"
                + "\"city\":{\"name\":\"C\",\"province\":\"Phuket\",\"kind\":\"NEW\"}}";
        PlanFormatException e = org.junit.jupiter.api.Assertions.assertThrows(PlanFormatException.class,
                () -> new PlanReader(new com.fasterxml.jackson.databind.ObjectMapper(), Provinces.load())
                        .read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        org.junit.jupiter.api.Assertions.assertEquals(422, e.status());
        org.junit.jupiter.api.Assertions.assertEquals("applicant.name", e.errors().get(0).field());
    }

    @org.junit.jupiter.api.Test
    void aLoneSurrogateInAValueOrAKeyIsAFormatErrorBecausePostgresWouldStoreAQuestionMark() {
        PlanReader reader = new PlanReader(new com.fasterxml.jackson.databind.ObjectMapper(), Provinces.load());
        String city = "\"city\":{\"name\":\"C\",\"province\":\"Phuket\",\"kind\":\"NEW\"}}";
        for (String[] c : new String[][] {
                {"{\"applicant\":{\"name\":\"A\\ud800B\",\"type\":\"PRIVATE\"}," + city, "applicant.name"},
                {"{\"applicant\":{\"name\":\"A\\udfff\",\"type\":\"PRIVATE\"}," + city, "applicant.name"},
                {"{\"applicant\":{\"n\\ud800\":\"A\",\"type\":\"PRIVATE\"}," + city, "applicant"}}) {
            PlanFormatException e = org.junit.jupiter.api.Assertions.assertThrows(PlanFormatException.class,
                    () -> reader.read(c[0].getBytes(java.nio.charset.StandardCharsets.UTF_8)), c[0]);
            org.junit.jupiter.api.Assertions.assertEquals(422, e.status(), c[0]);
            org.junit.jupiter.api.Assertions.assertEquals(c[1], e.errors().get(0).field(), c[0]);
            org.junit.jupiter.api.Assertions.assertEquals(StorableText.LONE_SURROGATE, e.errors().get(0).message());
        }
    }
}
