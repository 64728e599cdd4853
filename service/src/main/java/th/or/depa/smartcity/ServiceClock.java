package th.or.depa.smartcity;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's one clock: real time shifted by CLOCK_OFFSET (an ISO-8601 duration such as P2Y1D, PT5H or
 * P1Y2M3DT4H), so that an office can rehearse expiry and renewal on a copy of the data. The date part is calendar
 * arithmetic in Asia/Bangkok (P1M from 31 January is the end of February), the time part is exact.
 */
public final class ServiceClock extends Clock {

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    private static final Pattern ISO = Pattern.compile("([-+]?)P(?:(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?)?(T.+)?");

    private final Clock real;
    private final String offset;
    private final Period period;
    private final Duration time;

    private ServiceClock(Clock real, String offset, Period period, Duration time) {
        this.real = real;
        this.offset = offset;
        this.period = period;
        this.time = time;
    }

    /** The real clock shifted by offset (null or blank: no shift); a bad offset is refused with what it should be. */
    public static ServiceClock of(Clock real, String offset) {
        if (offset == null || offset.isBlank()) {
            return new ServiceClock(real, null, Period.ZERO, Duration.ZERO);
        }
        String o = offset.trim().toUpperCase();
        Matcher m = ISO.matcher(o);
        if (!m.matches() || o.endsWith("P") || o.endsWith("T")) {
            throw refused(offset, null);
        }
        try {
            String sign = m.group(1).equals("-") ? "-" : "";
            String datePart = o.substring(m.group(1).length(), m.group(6) == null ? o.length() : m.start(6));
            Period p = datePart.equals("P") ? Period.ZERO : Period.parse(sign + datePart);
            Duration d = m.group(6) == null ? Duration.ZERO : Duration.parse(sign + "P" + m.group(6));
            return new ServiceClock(real, o, p, d);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw refused(offset, e);
        }
    }

    private static IllegalArgumentException refused(String offset, Exception cause) {
        return new IllegalArgumentException("CLOCK_OFFSET (clockOffset) \"" + offset + "\" is not an ISO-8601 "
                + "duration such as P2Y1D, P30D, PT5H or P1Y2M3DT4H; leave it empty to run on real time", cause);
    }

    /** The offset as configured (upper case), or null when the clock runs on real time. */
    public String offset() {
        return offset;
    }

    @Override
    public Instant instant() {
        Instant now = real.instant();
        if (offset == null) {
            return now;
        }
        try {
            return now.atZone(BANGKOK).plus(period).toInstant().plus(time);
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalStateException("CLOCK_OFFSET " + offset + " leaves the range of dates", e);
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service's clock stays in UTC; convert instants to Bangkok");
    }
}
