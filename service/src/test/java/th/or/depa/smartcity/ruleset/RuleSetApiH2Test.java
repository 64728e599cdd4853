package th.or.depa.smartcity.ruleset;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestApps;
import th.or.depa.smartcity.support.TestDatabases;
import th.or.depa.smartcity.support.TestRules;

@ExtendWith(DropwizardExtensionsSupport.class)
class RuleSetApiH2Test extends RuleSetApiContract {

    static final Path RULES = TestRules.copy();
    static final DropwizardAppExtension<SmartCityConfiguration> APP = TestApps.on(TestDatabases.freshH2(),
            ConfigOverride.config("rules.dir", RULES.toString()),
            ConfigOverride.config("rules.watch", "true"),
            ConfigOverride.config("rules.pollMillis", "200"),
            // a worker check on a machine shared with other builds may sit silent for a minute
            ConfigOverride.config("rules.checkTimeout", "180 seconds"));

    @Override
    Api api() {
        return new Api(APP);
    }

    @Override
    Path rulesDir() {
        return RULES;
    }
}
