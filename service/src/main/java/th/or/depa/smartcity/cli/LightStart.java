package th.or.depa.smartcity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.logging.common.BootstrapLogging;
import java.io.InputStream;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;
import th.or.depa.smartcity.SmartCityConfiguration;

/**
 * A short command started without Dropwizard's bootstrap (issue 17: add-user took 5.5 s, bench/README.md). The
 * bootstrap builds the full object mapper, the validator, the JVM metrics and then reads, validates and applies
 * the whole configuration: most of a short command's time, for a server it never starts. Here the command's own
 * arguments are parsed as Dropwizard would (the command declares them), logging is Dropwizard's bootstrap logging
 * (warnings only), and the configuration file is read through the same environment-variable substitution, keeping
 * only the sections a command uses: database, record and clockOffset. Anything unusual (help, a bad argument) goes
 * back to the ordinary Dropwizard path, which words it.
 */
public final class LightStart {

    /** The parts of the configuration a short command reads; the others (server, logging...) stay unread. */
    private static final String[] SECTIONS = {"database", "record", "clockOffset"};

    private LightStart() {
    }

    /** The parsed arguments when args are exactly a run of command, else null (use the Dropwizard path). */
    static Namespace arguments(ConfiguredCommand<SmartCityConfiguration> command, String[] args) {
        if (args.length == 0 || !args[0].equals(command.getName())) {
            return null;
        }
        ArgumentParser parser = ArgumentParsers.newFor("java -jar smartcity-service.jar").addHelp(false).build();
        command.configure(parser.addSubparsers().addParser(command.getName(), false, "-"));
        try {
            return parser.parseArgs(args);
        } catch (ArgumentParserException e) {
            return null;
        }
    }

    /** The sections a command reads from file (null: the built-in defaults), as the server would read them. */
    static SmartCityConfiguration configuration(String file) throws Exception {
        BootstrapLogging.bootstrap();
        ObjectNode kept = new ObjectMapper().createObjectNode();
        if (file != null) {
            var source = new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
                    new EnvironmentVariableSubstitutor(false));
            try (InputStream in = source.open(file)) {
                JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(in);
                for (String section : SECTIONS) {
                    if (tree != null && tree.has(section)) {
                        kept.set(section, tree.get(section));
                    }
                }
            }
        }
        try {
            return Jackson.newMinimalObjectMapper().treeToValue(kept, SmartCityConfiguration.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + " has an error: " + e.getOriginalMessage(), e);
        }
    }
}
