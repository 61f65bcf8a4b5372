package io.sluice.endpoint;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class EndpointArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sluice.endpoint");

    @Test
    void theEndpointKnowsNoServiceAndNoStorage() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "io.sluice.streams..", "io.sluice.firehose..", "io.sluice.analytics..", "io.sluice.gateway..",
                        "io.sluice.local..", "org.springframework.data..", "jakarta.persistence..", "org.apache.kafka..")
                .because("every service's AWS endpoint is this module: it reaches a service only through the "
                        + "operation table the service hands it, and never a service's storage")
                .check(classes);
    }
}
