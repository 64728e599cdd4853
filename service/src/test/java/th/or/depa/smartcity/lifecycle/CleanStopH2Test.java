package th.or.depa.smartcity.lifecycle;

import java.util.Map;
import th.or.depa.smartcity.support.TestDatabases;

class CleanStopH2Test extends CleanStopContract {

    @Override
    Map<String, String> database() {
        return Map.of("DATABASE_URL", TestDatabases.freshH2());
    }
}
