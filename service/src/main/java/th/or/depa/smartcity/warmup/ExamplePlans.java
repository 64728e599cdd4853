package th.or.depa.smartcity.warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The repository's example plans (examples/*.plan.json), which the build copies into the jar under
 * {@value #FOLDER}: the service finds them wherever it runs from.
 */
public final class ExamplePlans {

    static final String FOLDER = "warmup/examples";

    private ExamplePlans() {
    }

    /** Every bundled example plan's bytes, in name order; none when the build bundled none. */
    public static List<byte[]> bundled() {
        URL url = ExamplePlans.class.getClassLoader().getResource(FOLDER);
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return read(Path.of(uri));
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return read(jar.provider().getPath(uri));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<byte[]> read(Path folder) throws IOException {
        List<byte[]> plans = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".plan.json")).sorted().toList()) {
                plans.add(Files.readAllBytes(p));
            }
        }
        return plans;
    }
}
