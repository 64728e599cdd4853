package th.or.depa.smartcity.engine;

/**
 * No rule run could start within the run's own time limit because as many runs as the service admits at once were
 * running ({@code rules.maxConcurrentRuns}): the service is overloaded, the client should try again (503).
 */
public final class RuleRunsBusy extends RuntimeException {

    private final int atOnce;

    public RuleRunsBusy(int atOnce) {
        super(null, null, false, false); // no message of its own: the API words it from errors/messages.properties
        this.atOnce = atOnce;
    }

    /** How many runs were admitted at once. */
    public int atOnce() {
        return atOnce;
    }
}
