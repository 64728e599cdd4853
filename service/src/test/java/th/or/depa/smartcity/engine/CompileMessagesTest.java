package th.or.depa.smartcity.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A broken rule file is refused naming the line the reviewer wrote wrong, in words they can act on. */
class CompileMessagesTest {

    private static final String FILE = "criteria/broken.drl";
    /** Lines 1-5; the conditions start on line 6. */
    private static final String HEAD = """
            package smartcity.criteria;
            import th.or.depa.smartcity.facts.*;

            rule "counts domains"
            when
            """;

    private static RuleError onlyError(String drl) {
        Map<String, String> files = new TreeMap<>();
        files.put(ParametersFile.PATH, "minDomains,2,integer,x\nminGoals,1,integer,y\n");
        files.put("workflow/steps.drl", """
                package smartcity.workflow;
                import th.or.depa.smartcity.facts.*;
                rule "a step"
                when
                    Parameter( name == "minGoals" )
                then
                end
                """);
        files.put(FILE, drl);
        List<RuleError> errors = new RuleSetCompiler().compile(new RuleFiles(files)).errors();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(FILE, errors.get(0).file(), errors.toString());
        return errors.get(0);
    }

    @Test
    void aBracketLeftOpenIsNamedOnTheLineItOpensNotTheNextPattern() {
        RuleError e = onlyError(HEAD + """
                    Parameter( name == "minDomains", $min : intValue
                    Parameter( name == "minGoals" )
                then
                    insert(new Outcome("x"));
                end
                """);
        assertEquals(6, e.line(), e.toString());
        assertEquals("the bracket ( opened on this line is not closed: add the missing ) (the rule compiler stopped"
                + " at 'Parameter' on line 7)", e.message());
    }

    @Test
    void aPatternLeftOpenBeforeThenIsNamedOnItsLine() {
        RuleError e = onlyError(HEAD + """
                    Parameter( name == "minDomains" )
                    $d : Domain( services > 0
                then
                end
                """);
        assertEquals(7, e.line(), e.toString());
        assertTrue(e.message().startsWith("the bracket ( opened on this line is not closed"), e.message());
    }

    @Test
    void aMissingThenIsNamedWhereTheConsequenceBegins() {
        RuleError e = onlyError(HEAD + """
                    Parameter( name == "minDomains" )
                    insert(new Outcome("x"));
                end
                """);
        assertEquals(7, e.line(), e.toString());
        assertEquals("rule \"counts domains\" has no then: write then on a line of its own between the conditions"
                + " and what the rule does", e.message());
    }

    @Test
    void aSyntaxErrorOnLine25IsReportedOnLine25InPlainWords() {
        StringBuilder drl = new StringBuilder(HEAD);
        for (int line = 6; line < 25; line++) {
            drl.append("    // a comment that keeps the conditions apart, line ").append(line).append('\n');
        }
        drl.append("    Parameter( name == \"minDomains\", $min : intValue\n"); // line 25
        drl.append("    Parameter( name == \"minGoals\" )\n");                 // line 26: where Drools stops
        drl.append("then\nend\n");
        RuleError e = onlyError(drl.toString());
        assertEquals(25, e.line(), e.toString());
        assertFalse(e.message().contains("ERR") || e.message().contains("mismatched"), e.message());
    }

    @Test
    void aLineLeftUnfinishedIsNamedNotTheNextOne() {
        RuleError e = onlyError(HEAD + """
                    $p : Plan( visionChars > 1 &&
                    )
                then
                end
                """);
        assertEquals(6, e.line(), e.toString());
        assertFalse(e.message().contains("ERR"), e.message());
    }

    @Test
    void anUnknownFactFieldNamesTheNearestValidOne() {
        RuleError e = onlyError(HEAD + """
                    Domain( servces > 0 )
                then
                end
                """);
        assertEquals(6, e.line(), e.toString());
        assertEquals("Domain has no field 'servces'; did you mean 'services'?", e.message());
    }

    @Test
    void anUnknownFieldBoundToAVariableNamesTheNearestValidOne() {
        RuleError e = onlyError(HEAD + """
                    Parameter( name == "minDomains" )
                    $p : Plan( $chars : visonChars )
                then
                end
                """);
        assertEquals(7, e.line(), e.toString());
        assertEquals("Plan has no field 'visonChars'; did you mean 'visionChars'?", e.message());
    }
}
