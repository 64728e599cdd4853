package th.or.depa.smartcity.ruleset;

/** A rule-set request that is well formed but not possible now (wrong status, four eyes): 409. */
public class RuleSetConflict extends RuntimeException {
    public RuleSetConflict(String message) {
        super(message);
    }
}
