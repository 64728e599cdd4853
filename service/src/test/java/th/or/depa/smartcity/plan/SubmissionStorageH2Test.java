package th.or.depa.smartcity.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.TestApps;
import th.or.depa.smartcity.support.TestDatabases;

@ExtendWith(DropwizardExtensionsSupport.class)
class SubmissionStorageH2Test extends SubmissionStorageContract {

    static final DropwizardAppExtension<SmartCityConfiguration> APP = TestApps.on(TestDatabases.freshH2());

    @Override
    DropwizardAppExtension<SmartCityConfiguration> app() {
        return APP;
    }

    @Test
    void theLz4MigrationIsRecordedAndSkippedOnH2() {
        assertEquals(Boolean.TRUE, api().jdbi().withHandle(h -> h.createQuery(
                "SELECT \"success\" FROM \"flyway_schema_history\" WHERE \"version\" = '13'").mapTo(Boolean.class).one()));
    }
}
