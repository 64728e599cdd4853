package th.or.depa.smartcity.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.jackson.Jackson;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.engine.RuleError;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.engine.RunLimits;
import th.or.depa.smartcity.support.TestRules;

/** A spare worker, started and warmed up ahead on the rules in force, checks proposals exactly as a fresh one. */
class RuleWorkersTest {

    @Test
    void aWarmSpareChecksAProposalAndTheNextSpareRefusesABrokenOne() throws Exception {
        RuleWorkers workers = new RuleWorkers(Jackson.newObjectMapper(), RunLimits.DEFAULT, Duration.ofSeconds(180),
                "384m");
        workers.keepSpare(() -> RuleFiles.readFolder(TestRules.BUNDLED));
        try {
            waitForSpare(workers);
            RuleWorkerMain.Checked ok = workers.check(new RuleFiles(TestRules.withParameter("minDomains", "3")));
            assertTrue(ok.isOk(), ok.errors().toString());
            assertEquals(15, ok.criteria());

            waitForSpare(workers); // the next spare, started after that check
            Map<String, String> broken = TestRules.withParameter("minDomains", "3");
            broken.put("criteria/broken.drl", """
                    package smartcity.criteria;
                    import th.or.depa.smartcity.facts.*;
                    rule "no then"
                    when
                        Parameter( name == "minDomains" )
                        insert(new Outcome("x"));
                    end
                    """);
            RuleWorkerMain.Checked refused = workers.check(new RuleFiles(broken));
            assertFalse(refused.isOk());
            RuleError e = refused.errors().get(0);
            assertEquals("criteria/broken.drl", e.file(), refused.errors().toString());
            assertEquals(6, e.line(), refused.errors().toString());
        } finally {
            workers.stopSpare();
        }
        assertFalse(workers.hasSpare());
    }

    private static void waitForSpare(RuleWorkers workers) throws InterruptedException {
        for (int i = 0; i < 600 && !workers.hasSpare(); i++) {
            Thread.sleep(100);
        }
        assertTrue(workers.hasSpare(), "a spare worker was started");
    }
}
