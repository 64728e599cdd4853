package th.or.depa.smartcity.ruleset;

import th.or.depa.smartcity.support.TestDatabases;

class FolderAtStartPostgresTest extends FolderAtStartContract {

    @Override
    String databaseUrl() {
        return TestDatabases.freshPostgres();
    }
}
