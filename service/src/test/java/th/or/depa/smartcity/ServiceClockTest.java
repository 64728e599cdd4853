package th.or.depa.smartcity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import th.or.depa.smartcity.support.TestDatabases;

/** CLOCK_OFFSET: the date part is calendar arithmetic in Bangkok, the time part exact; a bad value stops the start. */
class ServiceClockTest {

    // 2026-01-31 10:00 in Bangkok
    static final Clock REAL = Clock.fixed(Instant.parse("2026-01-31T03:00:00Z"), ZoneOffset.UTC);

    static Instant at(String offset) {
        return ServiceClock.of(REAL, offset).instant();
    }

    @Test
    void datePartsAreCalendarArithmeticAndTimePartsExact() {
        assertEquals(Instant.parse("2028-02-01T03:00:00Z"), at("P2Y1D"));
        assertEquals(Instant.parse("2026-03-02T03:00:00Z"), at("P30D"));
        assertEquals(Instant.parse("2026-01-31T08:00:00Z"), at("PT5H"));
        // 31 January + 1 month is the end of February, then 3 days and 4 hours
        assertEquals(Instant.parse("2027-03-03T07:00:00Z"), at("P1Y1M3DT4H"));
        assertEquals(Instant.parse("2026-01-30T03:00:00Z"), at("-P1D"));
        assertEquals(Instant.parse("2026-02-14T03:00:00Z"), at("P2W"));
        assertEquals("P2Y1D", ServiceClock.of(REAL, "p2y1d").offset());
    }

    @Test
    void noOffsetIsRealTime() {
        assertEquals(REAL.instant(), at(null));
        assertEquals(REAL.instant(), at(""));
        assertNull(ServiceClock.of(REAL, " ").offset());
        assertEquals("no offset", ClockHealthCheck.describe(ServiceClock.of(REAL, null)));
        assertEquals("clock offset P2Y1D: service time 2028-02-01T03:00:00Z",
                ClockHealthCheck.describe(ServiceClock.of(REAL, "P2Y1D")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2Y", "P", "PT", "P1DT", "P1H", "PT1Y", "tomorrow", "P1.5D", "P2Y 1D", "P99999999999Y"})
    void aBadOffsetIsRefusedNamingTheSetting(String offset) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServiceClock.of(REAL, offset).instant());
        assertTrue(e.getMessage().contains("CLOCK_OFFSET") && e.getMessage().contains(offset), e.getMessage());
    }

    @Test
    void theServiceRefusesToStartWithABadOffset() {
        DropwizardTestSupport<SmartCityConfiguration> app = new DropwizardTestSupport<>(SmartCityApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"), "badclock.",
                ConfigOverride.config("badclock.", "database.url", TestDatabases.freshH2()),
                ConfigOverride.config("badclock.", "clockOffset", "two years"));
        Exception e = assertThrows(Exception.class, app::before);
        app.after();
        Throwable cause = e;
        while (!(cause instanceof IllegalArgumentException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage().contains("CLOCK_OFFSET (clockOffset) \"two years\" is not an ISO-8601"),
                cause.getMessage());
    }
}
