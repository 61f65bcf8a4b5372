package io.sluice.analytics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;

class AnalyticsArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sluice.analytics");

    @Test
    void conceptPackagesHaveNoCycles() {
        slices().matching("io.sluice.analytics.(*)..").should().beFreeOfCycles()
                .because("packages are concepts layered config <- concepts <- api; a cycle would make them one tangle")
                .check(classes);
    }

    @Test
    void storageIsReachedOnlyThroughItsPort() {
        noClasses().that().haveSimpleNameNotStartingWith("Jpa").and().areNotAssignableTo(Repository.class)
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
                .because("storage sits behind store interfaces; only their JPA implementations use Spring Data, "
                        + "so that the logic above them runs on the in-memory twins in unit tests")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("io.sluice.analytics.application..")
                .should().dependOnClassesThat().areAnnotatedWith(jakarta.persistence.Entity.class)
                .because("entities are the stores' private mapping of the tables")
                .check(classes);
    }

    @Test
    void otherServicesAreNeverReachedDirectly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "io.sluice.streams..", "io.sluice.gateway..", "io.sluice.local..",
                        "io.sluice.firehose..")
                .because("services share no code but common and aws-endpoint, and no tables: each is its own deployable")
                .check(classes);
    }
}
