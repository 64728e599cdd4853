package th.or.depa.smartcity.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.facts.Parameter;

class ParametersFileTest {

    private static final String FILE = """
            # a comment, then the header a spreadsheet shows
            name,value,type,meaning
            minDomains,2,integer,SC-03: smart domains
            requiredDomains,ENVIRONMENT LIVING,codes,"SC-03: domains, all of them"

              # an indented comment and a blank line above
            budgetTolerancePct,1.5,decimal,"SC-10: the ""tolerance"" in %"
            greeting,"hello, world",text,"a meaning over
            two lines"
            last,7,integer,the end
            """;

    private static Map<String, Parameter> parse(String text, List<RuleError> errors) {
        return ParametersFile.parse(text, errors);
    }

    @Nested
    class Reading {

        @Test
        void quotedCellsCommentsBlankLinesAndTheHeaderAreRead() {
            List<RuleError> errors = new ArrayList<>();
            Map<String, Parameter> p = parse(FILE, errors);
            assertEquals(List.of(), errors);
            assertEquals(List.of("minDomains", "requiredDomains", "budgetTolerancePct", "greeting", "last"),
                    List.copyOf(p.keySet()));
            assertEquals(2, p.get("minDomains").intValue());
            assertEquals(List.of("ENVIRONMENT", "LIVING"), p.get("requiredDomains").listValue());
            assertEquals(1.5, p.get("budgetTolerancePct").doubleValue());
            assertEquals("hello, world", p.get("greeting").value());
            assertEquals("integer", p.get("last").type());
        }

        @Test
        void linesKeepTheLineEachRecordStartsOnAndItsMeaning() {
            List<ParametersFile.Line> lines = ParametersFile.lines(FILE, new ArrayList<>());
            assertEquals(new ParametersFile.Line(3, "minDomains", "2", "integer", "SC-03: smart domains"), lines.get(0));
            assertEquals("SC-03: domains, all of them", lines.get(1).meaning());
            assertEquals(7, lines.get(2).line());
            assertEquals("SC-10: the \"tolerance\" in %", lines.get(2).meaning());
            assertEquals(8, lines.get(3).line());
            assertEquals("a meaning over\ntwo lines", lines.get(3).meaning());
            assertEquals(10, lines.get(4).line());
        }

        @Test
        void excelsByteOrderMarkAndWindowsLineEndsAreAccepted() {
            String excel = "\uFEFFname,value,type,meaning\r\nminDomains,3,integer,SC-03\r\nminGoals,1,integer,SC-01\r\n";
            List<RuleError> errors = new ArrayList<>();
            Map<String, Parameter> p = parse(excel, errors);
            assertEquals(List.of(), errors);
            assertEquals(3, p.get("minDomains").intValue());
            assertEquals(3, ParametersFile.lines(excel, errors).get(1).line());
        }

        @Test
        void aCommentOnTheFirstLineAfterAByteOrderMarkIsAComment() {
            List<RuleError> errors = new ArrayList<>();
            assertEquals(List.of("minGoals"),
                    List.copyOf(parse("\uFEFF# thresholds\nminGoals,1,integer,SC-01\n", errors).keySet()));
            assertEquals(List.of(), errors);
        }

        @Test
        void theBundledFileReadsWithoutAnError() throws IOException {
            List<RuleError> errors = new ArrayList<>();
            Map<String, Parameter> p = parse(Files.readString(Path.of("../rules/parameters.csv")), errors);
            assertEquals(List.of(), errors);
            assertTrue(p.containsKey("minDomains") && p.containsKey("validityYears"), p.toString());
        }
    }

    @Nested
    class Refusing {

        private RuleError onlyError(String text) {
            List<RuleError> errors = new ArrayList<>();
            Map<String, Parameter> p = parse(text, errors);
            assertEquals(1, errors.size(), errors.toString());
            assertEquals(ParametersFile.PATH, errors.get(0).file());
            return errors.get(0);
        }

        @Test
        void aValueThatIsNotAnIntegerIsRefusedWithItsLine() {
            RuleError e = onlyError("# c\nminGoals,1,integer,ok\nminDomains,2.5,integer,SC-03\n");
            assertEquals(3, e.line());
            assertEquals("parameter minDomains is an integer, but its value is '2.5'", e.message());
        }

        @Test
        void anIntegerTooLargeForTheRulesIsRefused() {
            assertEquals(1, onlyError("minDomains,99999999999,integer,x\n").line());
        }

        @Test
        void aValueThatIsNotADecimalIsRefused() {
            RuleError e = onlyError("minGoals,1,integer,ok\nbudgetTolerancePct,1,5,decimal,x\n");
            assertEquals(2, e.line());
            assertTrue(e.message().contains("expected 4 columns") && e.message().contains("double quotes"), e.message());
            assertEquals("parameter budgetTolerancePct is a decimal number (digits, one point), but its value is 'one'",
                    onlyError("budgetTolerancePct,one,decimal,x\n").message());
        }

        @Test
        void codesAreCapitalWordsSeparatedBySpaces() {
            assertEquals(List.of(), parse("requiredDomains,,codes,none\n", new ArrayList<>()).get("requiredDomains")
                    .listValue());
            RuleError e = onlyError("requiredDomains,\"ENVIRONMENT,LIVING\",codes,x\n");
            assertTrue(e.message().contains("list of codes"), e.message());
        }

        @Test
        void anUnknownTypeIsRefused() {
            RuleError e = onlyError("minGoals,1,number,x\n");
            assertEquals("parameter minGoals has type 'number'; the type is one of integer, decimal, codes, text",
                    e.message());
        }

        @Test
        void theOldThreeColumnFormatIsRefusedSayingWhatIsExpected() {
            RuleError e = onlyError("minDomains,2,SC-03: smart domains\n");
            assertEquals(1, e.line());
            assertTrue(e.message().startsWith("expected 4 columns (name,value,type,meaning) but found 3"), e.message());
        }

        @Test
        void aNameSetTwiceIsRefusedOnItsSecondLine() {
            RuleError e = onlyError("minGoals,1,integer,x\n\nminGoals,2,integer,y\n");
            assertEquals(3, e.line());
            assertEquals("parameter minGoals is set twice (first on line 1)", e.message());
        }

        @Test
        void anUnclosedQuoteIsRefusedOnTheLineItOpens() {
            RuleError e = onlyError("minGoals,1,integer,x\nminDomains,2,integer,\"SC-03\nlast,1,integer,y\n");
            assertEquals(2, e.line());
            assertEquals("a double quote opened on this line is never closed", e.message());
        }

        @Test
        void aBadNameIsRefused() {
            assertEquals("'min domains' is not a parameter name (a letter, then letters, digits or _)",
                    onlyError("min domains,1,integer,x\n").message());
        }
    }

    @Nested
    class RuleTestOverrides {

        @Test
        void anOverrideOfTheWrongTypeIsNamed() {
            Parameter minDomains = new Parameter("minDomains", "2", "integer");
            assertNull(ParametersFile.wrongType(minDomains, "3"));
            assertEquals("parameter minDomains is an integer, but its value is 'three'",
                    ParametersFile.wrongType(minDomains, "three"));
            assertNull(ParametersFile.wrongType(new Parameter("requiredDomains", "", "codes"), "ENVIRONMENT LIVING"));
        }

        @Test
        void anOverrideKeepsTheDeclaredType() {
            Map<String, Parameter> base = parse(FILE, new ArrayList<>());
            assertEquals("integer", ParametersFile.override(base, Map.of("minDomains", "4")).get("minDomains").type());
        }
    }

    @Nested
    class WritingValues {

        @Test
        void onlyTheChangedRecordsAreRewrittenAndTheRestIsKeptByteForByte() {
            String out = ParametersFile.withValues(FILE, Map.of("minDomains", "3", "last", "7"));
            assertEquals(FILE.replace("minDomains,2,integer", "minDomains,3,integer"), out);
        }

        @Test
        void aValueWithACommaOrQuoteIsQuotedAndReadsBack() {
            String out = ParametersFile.withValues(FILE, Map.of("greeting", "say \"hi\", then go"));
            assertTrue(out.contains("greeting,\"say \"\"hi\"\", then go\",text,\"a meaning over\ntwo lines\"\nlast,7"),
                    out);
            List<RuleError> errors = new ArrayList<>();
            assertEquals("say \"hi\", then go", parse(out, errors).get("greeting").value());
            assertEquals(List.of(), errors);
            assertEquals(10, ParametersFile.lines(out, errors).get(4).line());
        }

        @Test
        void theByteOrderMarkAndWindowsLineEndsAreKept() {
            String excel = "\uFEFFminDomains,2,integer,SC-03\r\nminGoals,1,integer,SC-01\r\n";
            assertEquals("\uFEFFminDomains,4,integer,SC-03\r\nminGoals,1,integer,SC-01\r\n",
                    ParametersFile.withValues(excel, Map.of("minDomains", "4")));
        }

        @Test
        void anUnknownNameIsRefused() {
            assertThrows(IllegalArgumentException.class, () -> ParametersFile.withValues(FILE, Map.of("nope", "1")));
        }
    }
}
