package th.or.depa.smartcity.openapi;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test in which the service answered something openapi.yaml does not describe (see {@link ApiConformance}).
 * Registered for every test by auto-detection (META-INF/services, junit-platform.properties); a test class without
 * an app never records anything. Exchanges of a class's set-up are charged to its first test, those after its last
 * test to the class.
 */
public final class ConformanceExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        ApiConformance.drain(); // another class's leftovers (a request still running as it ended) are not this one's
    }

    @Override
    public void afterEach(ExtensionContext context) {
        fail(ApiConformance.drain());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        fail(ApiConformance.drain());
    }

    private static void fail(List<String> violations) {
        if (!violations.isEmpty()) {
            throw new AssertionError("the service answered outside openapi.yaml (" + violations.size() + "):\n  "
                    + String.join("\n  ", violations));
        }
    }
}
