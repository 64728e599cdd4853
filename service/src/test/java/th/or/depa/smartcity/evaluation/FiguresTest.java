package th.or.depa.smartcity.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.facts.Figures;

/** The rules' number formatting: the same text String.format gave the reasons before Figures replaced it. */
class FiguresTest {

    private static String formatted(double v) {
        return String.format(Locale.ROOT, "%,.2f", v).replace(".00", "");
    }

    @Test
    void amountsReadAsBefore() {
        assertEquals("18,000,000", Figures.amount(18_000_000));
        assertEquals("1,250,000.50", Figures.amount(1_250_000.5));
        assertEquals("0", Figures.amount(0));
        assertEquals("999.99", Figures.amount(999.99));
        assertEquals("1,000", Figures.amount(999.999));
        assertEquals("-2,500.25", Figures.amount(-2500.25));
        assertEquals("968.17", Figures.amount(968.165)); // halfway as written, though the double is just below it
    }

    @Test
    void amountsMatchStringFormatOnRandomAndHalfwayValues() {
        Random random = new Random(20261123);
        for (int i = 0; i < 20_000; i++) {
            double v = switch (i % 4) {
                case 0 -> random.nextDouble() * 1e9;
                case 1 -> Math.round(random.nextDouble() * 1e7) / 100.0;      // whole satang
                case 2 -> Math.round(random.nextDouble() * 1e6) / 1000.0 + 0.005; // halfway cases
                default -> random.nextInt(100_000_000) * 1.0;                   // whole baht
            };
            assertEquals(formatted(v), Figures.amount(v), "for " + v);
        }
    }

    @Test
    void wholeNumbersMatchStringFormat() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            long v = i < 10 ? i : random.nextLong() % 10_000_000_000L;
            assertEquals(String.format(Locale.ROOT, "%,d", v), Figures.whole(v));
        }
    }
}
