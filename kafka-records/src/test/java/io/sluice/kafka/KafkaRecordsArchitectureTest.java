package io.sluice.kafka;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class KafkaRecordsArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sluice.kafka");

    @Test
    void theSharedKafkaPiecesKnowNoServiceAndNoFramework() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "io.sluice.streams..", "io.sluice.firehose..", "io.sluice.analytics..", "io.sluice.gateway..",
                        "io.sluice.local..", "io.sluice.endpoint..", "org.springframework..")
                .because("every service (and Flink jobs) reads and writes stream records with these pieces, "
                        + "so they carry no service's code and no web or storage framework")
                .check(classes);
    }
}
