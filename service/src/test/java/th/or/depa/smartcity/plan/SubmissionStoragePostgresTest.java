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
class SubmissionStoragePostgresTest extends SubmissionStorageContract {

    static final DropwizardAppExtension<SmartCityConfiguration> APP = TestApps.on(TestDatabases.freshPostgres());

    @Override
    DropwizardAppExtension<SmartCityConfiguration> app() {
        return APP;
    }

    @Test
    void aSubmissionsEvaluationAndContentAreStoredCompressedWithLz4() {
        String id = submit();
        // pg_column_compression: how this value was compressed (null when stored inline, uncompressed)
        assertEquals("lz4", api().jdbi().withHandle(h -> h.createQuery(
                "SELECT pg_column_compression(result) FROM evaluations WHERE plan_id = :id").bind("id", id)
                .mapTo(String.class).one()));
        assertEquals("lz4", api().jdbi().withHandle(h -> h.createQuery(
                "SELECT pg_column_compression(content) FROM plan_revisions WHERE plan_id = :id").bind("id", id)
                .mapTo(String.class).one()));
    }
}
