package th.or.depa.smartcity.evaluation;

/** The rules in force broke their own contract (a criterion without exactly one result, no outcome): a server fault. */
public class RuleSetDefect extends RuntimeException {
    public RuleSetDefect(String message) {
        super(message);
    }
}
