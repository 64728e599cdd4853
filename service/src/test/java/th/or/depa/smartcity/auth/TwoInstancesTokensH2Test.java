package th.or.depa.smartcity.auth;

import th.or.depa.smartcity.support.TestDatabases;

/** Two instances in one JVM on one H2 file (the first opens it, the second shares it, as AUTO_SERVER would). */
class TwoInstancesTokensH2Test extends TwoInstancesTokensContract {

    static final String URL = TestDatabases.freshH2();

    @Override
    String url() {
        return URL;
    }
}
