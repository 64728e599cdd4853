package th.or.depa.smartcity.openapi;

import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import th.or.depa.smartcity.SmartCityApplication;
import th.or.depa.smartcity.SmartCityConfiguration;

/** The service as the API tests start it (support/TestApps): the real one, with every exchange checked against openapi.yaml. */
public class ValidatedApp extends SmartCityApplication {

    @Override
    public void run(SmartCityConfiguration config, Environment env) {
        super.run(config, env);
        if (Boolean.getBoolean("openapi.conformance.off")) {
            return; // -Dopenapi.conformance.off=true: to measure what the check costs, never to hide a violation
        }
        env.servlets().addFilter("openapi-conformance", new ConformanceFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }
}
