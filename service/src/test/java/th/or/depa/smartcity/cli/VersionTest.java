package th.or.depa.smartcity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.SmartCityApplication;

class VersionTest {

    @Test
    void versionFlagPrintsTheArtifactAndTheMavenVersionOfThePom() throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            SmartCityApplication.main(new String[] {"--version"}); // returns: no server, no System.exit
        } finally {
            System.setOut(out);
        }
        Matcher parent = Pattern.compile("<artifactId>smartcity-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("../pom.xml")));
        assertTrue(parent.find(), "the parent pom names the version");
        assertEquals("smartcity-service " + parent.group(1) + System.lineSeparator(),
                printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onlyTheFlagAloneAsksForTheVersion() {
        assertTrue(Version.asked("--version"));
        assertTrue(Version.asked("-v"));
        assertFalse(Version.asked("server", "config.yml"));
        assertFalse(Version.asked("evaluate", "--version"));
    }
}
