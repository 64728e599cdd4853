package th.or.depa.smartcity.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The Thai font every PDF is set in (TLWG Garuda, GPL-2+ with the font exception; report/fonts/), read from the
 * classpath once, so a report's text looks the same whichever renderer made it.
 */
final class ThaiFont {

    static final String FAMILY = "Garuda";
    static final byte[] REGULAR = read("Garuda.ttf");
    static final byte[] BOLD = read("Garuda-Bold.ttf");

    private ThaiFont() {
    }

    private static byte[] read(String name) {
        try (InputStream in = ThaiFont.class.getResourceAsStream("/report/fonts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("/report/fonts/" + name + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
