package th.or.depa.smartcity.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/operations.md stays true: every variable config.yml reads and every metric the service defines is in it. */
class OperationsDocTest {

    private static final Path DOC = Path.of("../docs/operations.md");

    @Test
    void everyEnvironmentVariableOfConfigYmlIsDocumented() throws IOException {
        Set<String> variables = all(Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):-"), Files.readString(Path.of("../config.yml")));
        assertFalse(variables.isEmpty());
        String doc = Files.readString(DOC);
        assertEquals(Set.of(), missing(variables, doc), "variables of config.yml missing from docs/operations.md");
    }

    @Test
    void everyMetricTheServiceDefinesIsDocumented() throws IOException {
        Set<String> metrics = new TreeSet<>();
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/th/or/depa/smartcity/metrics"))) {
            for (Path source : sources.toList()) {
                metrics.addAll(all(Pattern.compile("\\.name\\(\"(smartcity_[a-z_]+)\"\\)"), Files.readString(source)));
            }
        }
        assertFalse(metrics.isEmpty());
        assertEquals(Set.of(), missing(metrics, Files.readString(DOC)), "metrics missing from docs/operations.md");
    }

    private static Set<String> all(Pattern p, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static Set<String> missing(Set<String> names, String doc) {
        Set<String> out = new TreeSet<>();
        for (String n : names) {
            if (!doc.contains("`" + n + "`")) {
                out.add(n);
            }
        }
        return out;
    }
}
