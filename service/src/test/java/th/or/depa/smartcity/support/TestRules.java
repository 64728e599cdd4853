package th.or.depa.smartcity.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import th.or.depa.smartcity.engine.RuleFiles;

/** Copies of the bundled rules for tests that change them. */
public final class TestRules {

    public static final Path BUNDLED = Path.of("../rules");

    private TestRules() {
    }

    /** A private copy of the bundled rules folder under target/. */
    public static Path copy() {
        Path dir = Path.of("target/test-rules/" + UUID.randomUUID());
        try (Stream<Path> walk = Files.walk(BUNDLED)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path to = dir.resolve(BUNDLED.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** The bundled files with one threshold changed, as a reviewer would edit parameters.csv. */
    public static Map<String, String> withParameter(String name, String value) {
        Map<String, String> files = new java.util.TreeMap<>(RuleFiles.readFolder(BUNDLED).files());
        files.put("parameters.csv", setParameter(files.get("parameters.csv"), name, value));
        return files;
    }

    public static String setParameter(String csv, String name, String value) {
        return csv.replaceAll("(?m)^" + name + ",[^,\\n]*", name + "," + value);
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
