package th.or.depa.smartcity.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The service's name and Maven version, as the build wrote them into version.properties: what
 * {@code java -jar smartcity-service.jar --version} prints.
 */
public final class Version {

    private Version() {
    }

    /** "smartcity-service 1.0.0", say. */
    public static String line() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the build");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("name") + " " + p.getProperty("version");
    }

    /** Whether the arguments ask only for the version (--version or -v, as Dropwizard's own flag). */
    public static boolean asked(String... args) {
        return args.length == 1 && ("--version".equals(args[0]) || "-v".equals(args[0]));
    }
}
