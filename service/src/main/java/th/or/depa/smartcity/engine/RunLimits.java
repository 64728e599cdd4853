package th.or.depa.smartcity.engine;

import java.time.Duration;

/**
 * What one rule run may spend: firings, wall time and bytes allocated. A run over any of them ends with
 * {@link RuleRunLimitExceeded}, never a hang (config.yml: rules.maxFirings, rules.runTimeout, rules.maxAllocation).
 */
public record RunLimits(int maxFirings, Duration timeout, long maxAllocatedBytes) {

    public static final RunLimits DEFAULT = new RunLimits(10_000, Duration.ofSeconds(2), 256L * 1024 * 1024);

    public RunLimits {
        if (maxFirings < 1 || timeout.isNegative() || timeout.isZero() || maxAllocatedBytes < 1) {
            throw new IllegalArgumentException("rule run limits must be positive");
        }
    }
}
