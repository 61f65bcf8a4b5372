package io.sluice.streams;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;

class StreamsArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sluice.streams");

    @Test
    void conceptPackagesHaveNoCycles() {
        slices().matching("io.sluice.streams.(*)..").should().beFreeOfCycles()
                .because("packages are Kinesis concepts layered config <- metadata <- topic <- stream <- shard, consumer, encryption "
                        + "<- iterator <- record <- api; "
                        + "a cycle would make them one tangle")
                .check(classes);
    }

    @Test
    void otherServicesAreNeverReachedDirectly() {
        io.sluice.testsupport.ServiceRules.reachesNoOtherService("io.sluice.streams").check(classes);
    }

    @Test
    void webCodeNeverReachesARepository() {
        noClasses().that().resideInAPackage("io.sluice.streams.api..")
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
                .because("the web side stays thin: the shared endpoint decodes and encodes, the operation table "
                        + "dispatches to a concept's facade, and only facades reach storage")
                .check(classes);
    }

    @Test
    void storageIsReachedOnlyThroughTheMetadataStore() {
        io.sluice.testsupport.ServiceRules.storageIsReachedOnlyThroughItsPorts().check(classes);
        io.sluice.testsupport.ServiceRules.entitiesStayIn("io.sluice.streams.metadata..").check(classes);
    }

    @Test
    void restHandlersNameTheirAction() {
        io.sluice.testsupport.ServiceRules.restHandlersNameTheirAction().check(classes);
    }
}
