package th.or.depa.smartcity.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.TestApps;
import th.or.depa.smartcity.support.TestDatabases;

/** The same contract with group commit off (SUBMISSION_BATCH_MAX=1: each submission in its own transaction). */
@ExtendWith(DropwizardExtensionsSupport.class)
class SubmissionStorageUnbatchedH2Test extends SubmissionStorageContract {

    static final DropwizardAppExtension<SmartCityConfiguration> APP = TestApps.on(TestDatabases.freshH2(),
            ConfigOverride.config("submissions.batchMax", "1"));

    @Override
    DropwizardAppExtension<SmartCityConfiguration> app() {
        return APP;
    }

    @Test
    void noSubmissionGoesThroughTheBatches() {
        submit();
        assertEquals(0, ((th.or.depa.smartcity.SmartCityApplication) APP.getApplication()).submissionBatches()
                .batches());
    }
}
