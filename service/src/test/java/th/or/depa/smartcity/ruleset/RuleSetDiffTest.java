package th.or.depa.smartcity.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.engine.RuleFiles;

/** The diff alone: files added, deleted and changed as git shows them; thresholds changed, added and removed. */
class RuleSetDiffTest {

    static final String PARAMS = "# thresholds\nname,value,type,meaning\nminGoals,1,integer,SC-01: goals\n"
            + "minDomains,2,integer,SC-03: domains\nminHearings,1,integer,SC-08: hearings\n";

    @Test
    void aChangedFileIsAUnifiedDiffWithItsHunk() {
        RuleSetDiff.Diff d = RuleSetDiff.compare(new RuleFiles(Map.of("a.drl", "one\ntwo\nthree\n")),
                new RuleFiles(Map.of("a.drl", "one\n2\nthree\n")));
        assertEquals(List.of(new RuleSetDiff.FileChange("a.drl", "CHANGED",
                "--- a/a.drl\n+++ b/a.drl\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n")), d.files());
        assertEquals(List.of(), d.parameters());
    }

    @Test
    void addedAndDeletedFilesDiffAgainstDevNull() {
        RuleSetDiff.Diff d = RuleSetDiff.compare(new RuleFiles(Map.of("gone.drl", "x\n", "same.drl", "s\n")),
                new RuleFiles(Map.of("new.drl", "y\nz\n", "same.drl", "s\n")));
        assertEquals(2, d.files().size(), d.toString());
        RuleSetDiff.FileChange gone = d.files().get(0);
        assertEquals("gone.drl", gone.path());
        assertEquals("DELETED", gone.change());
        assertEquals("--- a/gone.drl\n+++ /dev/null\n@@ -1,1 +1,0 @@\n-x\n", gone.diff());
        RuleSetDiff.FileChange added = d.files().get(1);
        assertEquals("ADDED", added.change());
        assertEquals("--- /dev/null\n+++ b/new.drl\n@@ -1,0 +1,2 @@\n+y\n+z\n", added.diff());
    }

    @Test
    void thresholdsChangedAddedAndRemovedAreListedByName() {
        String edited = PARAMS.replace("minDomains,2", "minDomains,4").replace("minHearings,1,integer,SC-08: hearings\n", "")
                + "minSectors,3,integer,SC-08: sectors\n";
        RuleSetDiff.Diff d = RuleSetDiff.compare(new RuleFiles(Map.of("parameters.csv", PARAMS)),
                new RuleFiles(Map.of("parameters.csv", edited)));
        assertEquals(List.of(
                new RuleSetDiff.ParameterChange("minDomains", "2", "4", "minDomains: 2 → 4"),
                new RuleSetDiff.ParameterChange("minSectors", null, "3", "minSectors: — → 3"),
                new RuleSetDiff.ParameterChange("minHearings", "1", null, "minHearings: 1 → —")), d.parameters());
        assertNull(d.parameters().get(1).old());
        assertEquals(1, d.files().size());
    }

    @Test
    void aMeaningEditedAloneChangesTheFileButNoThreshold() {
        RuleSetDiff.Diff d = RuleSetDiff.compare(new RuleFiles(Map.of("parameters.csv", PARAMS)),
                new RuleFiles(Map.of("parameters.csv", PARAMS.replace("SC-01: goals", "SC-01: non-blank goals"))));
        assertEquals(List.of(), d.parameters());
        assertEquals("CHANGED", d.files().get(0).change());
    }
}
