package th.or.depa.smartcity.warmup;

import com.codahale.metrics.health.HealthCheck;

/**
 * Unhealthy while the warm-up runs, so that /healthcheck (what a load balancer asks) reports ready only when the
 * service is warm. A warm-up that stopped early is healthy: the other checks tell the service's real state.
 */
public final class WarmupHealthCheck extends HealthCheck {

    private final Warmup warmup;

    public WarmupHealthCheck(Warmup warmup) {
        this.warmup = warmup;
    }

    @Override
    protected Result check() {
        Warmup.State s = warmup.state();
        return switch (s.phase()) {
            case OFF -> Result.healthy("off");
            case RUNNING -> Result.unhealthy("warming up: %d plans judged in %d ms (up to %d s)", s.runs(), s.millis(),
                    warmup.duration().toSeconds());
            case DONE -> Result.healthy("warmed up: %d plans judged in %d ms", s.runs(), s.millis());
            case FAILED -> Result.healthy("warm-up stopped after %d plans (%s); serving without it", s.runs(),
                    s.failure());
        };
    }
}
