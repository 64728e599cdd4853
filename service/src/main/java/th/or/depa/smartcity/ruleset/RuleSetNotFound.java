package th.or.depa.smartcity.ruleset;

/** No rule set with that version: 404. */
public class RuleSetNotFound extends RuntimeException {
    public RuleSetNotFound() {
        super("no such rule-set version");
    }
}
