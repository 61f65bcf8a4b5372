package io.sluice.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class GatewayArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sluice.gateway");

    @Test
    void theGatewayReachesServicesOnlyOverHttp() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "io.sluice.streams..", "io.sluice.firehose..", "io.sluice.analytics..", "io.sluice.endpoint..",
                        "io.sluice.local..", "jakarta.servlet..")
                .because("the gateway is its own deployable in front of the services: it routes to their configured "
                        + "URIs and shares only the wire protocol (common) with them")
                .check(classes);
    }
}
