package io.sluice.common;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class CommonArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sluice.common");

    @Test
    void commonDependsOnNoServiceAndNoFramework() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "io.sluice.streams..", "io.sluice.firehose..", "io.sluice.analytics..", "io.sluice.gateway..",
                        "io.sluice.local..", "org.springframework..", "org.apache.kafka..")
                .because("common holds the wire protocol and shared domain that every service builds on, "
                        + "so it must not pull in a service, a web framework or a storage engine")
                .check(classes);
    }
}
