package th.or.depa.smartcity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.cli.ConfiguredCommand;
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
 * only the settings a command uses. Anything unusual (help, a bad argument) goes
 * back to the ordinary Dropwizard path, which words it.
 */
public final class LightStart {

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

    /**
     * The settings a short command reads from file (null: the built-in defaults), as the server would read them:
     * the database's url, user and password, the record's key and key file, clockOffset. Set one by one rather than
     * bound by Jackson, whose introspection of the whole configuration class cost half a second.
     */
    static SmartCityConfiguration configuration(String file) throws Exception {
        BootstrapLogging.bootstrap();
        SmartCityConfiguration config = new SmartCityConfiguration();
        if (file == null) {
            return config;
        }
        var source = new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
                new EnvironmentVariableSubstitutor(false));
        JsonNode tree;
        try (InputStream in = source.open(file)) {
            tree = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        if (tree == null) {
            return config;
        }
        JsonNode db = tree.path("database");
        text(db, "url").ifPresent(config.getDatabase()::setUrl);
        text(db, "user").ifPresent(config.getDatabase()::setUser);
        config.getDatabase().setPassword(text(db, "password").orElse(config.getDatabase().getPassword()));
        JsonNode record = tree.path("record");
        text(record, "key").ifPresent(config.getRecord()::setKey);
        text(record, "keyFile").ifPresent(config.getRecord()::setKeyFile);
        text(tree, "clockOffset").ifPresent(config::setClockOffset);
        return config;
    }

    /** A text setting; absent or null (an empty ${VAR:-} reads as null) leaves the default. */
    private static java.util.Optional<String> text(JsonNode node, String name) {
        JsonNode v = node.path(name);
        return v.isValueNode() && !v.isNull() ? java.util.Optional.of(v.asText()) : java.util.Optional.empty();
    }
}
