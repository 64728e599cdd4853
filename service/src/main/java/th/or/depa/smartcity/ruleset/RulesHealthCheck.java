package th.or.depa.smartcity.ruleset;

import com.codahale.metrics.health.HealthCheck;

/** Healthy while a rule set is in force; names its version and hash. */
public final class RulesHealthCheck extends HealthCheck {

    private final RuleSets ruleSets;

    public RulesHealthCheck(RuleSets ruleSets) {
        this.ruleSets = ruleSets;
    }

    @Override
    protected Result check() {
        return ruleSets.inForceIfAny()
                .map(f -> Result.healthy("version %d (%s), %d criteria", f.version(), f.rules().sha256(),
                        f.rules().criteria().size()))
                .orElseGet(() -> Result.unhealthy("no rule set in force"));
    }
}
