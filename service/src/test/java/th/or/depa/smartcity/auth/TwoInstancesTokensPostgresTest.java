package th.or.depa.smartcity.auth;

import th.or.depa.smartcity.support.TestDatabases;

class TwoInstancesTokensPostgresTest extends TwoInstancesTokensContract {

    static final String URL = TestDatabases.freshPostgres();

    @Override
    String url() {
        return URL;
    }
}
