package th.or.depa.smartcity.ruleset;

import th.or.depa.smartcity.support.TestDatabases;

class FolderAtStartH2Test extends FolderAtStartContract {

    @Override
    String databaseUrl() {
        return TestDatabases.freshH2();
    }
}
