package th.or.depa.smartcity.engine;

import java.util.List;

/** A rule run went over one of its {@link RunLimits}, or the rule code threw: the run is over, its results dropped. */
public final class RuleRunLimitExceeded extends RuntimeException {

    private final transient List<String> runningClasses;

    public RuleRunLimitExceeded(String message) {
        this(message, List.of());
    }

    /** runningClasses: the classes on the runaway thread's stack when it was stopped, innermost first. */
    public RuleRunLimitExceeded(String message, List<String> runningClasses) {
        super(message, null, false, false);
        this.runningClasses = List.copyOf(runningClasses);
    }

    public List<String> runningClasses() {
        return runningClasses;
    }
}
