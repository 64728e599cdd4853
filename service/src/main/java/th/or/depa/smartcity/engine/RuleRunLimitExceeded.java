package th.or.depa.smartcity.engine;

/** A rule run went over one of its {@link RunLimits}, or the rule code threw: the run is over, its results dropped. */
public final class RuleRunLimitExceeded extends RuntimeException {

    public RuleRunLimitExceeded(String message) {
        super(message, null, false, false);
    }
}
