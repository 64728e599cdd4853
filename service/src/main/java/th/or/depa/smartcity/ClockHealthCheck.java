package th.or.depa.smartcity;

import com.codahale.metrics.health.HealthCheck;

/** Always healthy, but says when the clock is shifted, so that nobody runs with CLOCK_OFFSET unknowingly. */
public final class ClockHealthCheck extends HealthCheck {

    private final ServiceClock clock;

    public ClockHealthCheck(ServiceClock clock) {
        this.clock = clock;
    }

    @Override
    protected Result check() {
        return Result.builder().healthy().withMessage(describe(clock)).withDetail("offset", clock.offset() == null
                ? "" : clock.offset()).withDetail("serviceTime", clock.instant().toString()).build();
    }

    /** "clock offset P2Y1D: service time 2028-…Z", or "no offset". */
    static String describe(ServiceClock clock) {
        return clock.offset() == null ? "no offset"
                : "clock offset " + clock.offset() + ": service time " + clock.instant();
    }
}
