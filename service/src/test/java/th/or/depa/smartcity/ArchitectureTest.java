package th.or.depa.smartcity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Resources -> domain packages -> store and engine, never back up (house style). */
class ArchitectureTest {

    private static final String BASE = "th.or.depa.smartcity.";
    private static final String[] RESOURCES = {BASE + "api..", BASE + "web..", BASE + "cli.."};
    private static final String[] DOMAIN = {BASE + "plan..", BASE + "evaluation..", BASE + "workflow..",
        BASE + "ruleset..", BASE + "report..", BASE + "history..", BASE + "auth..",
        BASE + "organisation..", BASE + "notification..", BASE + "submission.."};

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("th.or.depa.smartcity");

    @Test
    void theEngineImportsOnlyFactsDroolsAndTheJdk() {
        noClasses().that().resideInAPackage(BASE + "engine..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(RESOURCES, DOMAIN, BASE + "store.."))
                .check(CLASSES);
    }

    @Test
    void theStoreNeverImportsTheDomainOrResources() {
        noClasses().that().resideInAPackage(BASE + "store..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(RESOURCES, DOMAIN, BASE + "engine.."))
                .check(CLASSES);
    }

    @Test
    void theDomainNeverImportsResources() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage(RESOURCES)
                .check(CLASSES);
    }

    @Test
    void factsImportNothingOfTheService() {
        noClasses().that().resideInAPackage(BASE + "facts..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(RESOURCES, DOMAIN, BASE + "store..",
                        BASE + "engine.."))
                .check(CLASSES);
    }

    private static String[] concat(String[] a, String[] b, String... c) {
        String[] out = new String[a.length + b.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }
}
