package io.sluice.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.repository.Repository;

/** The layering rules every service's architecture test checks, each with its reason. */
public final class ServiceRules {
    private static final List<String> SERVICES = List.of(
            "io.sluice.streams", "io.sluice.firehose", "io.sluice.analytics", "io.sluice.gateway", "io.sluice.local");

    private ServiceRules() {
    }

    /** The production classes of {@code rootPackage}. */
    public static JavaClasses classesOf(String rootPackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(rootPackage);
    }

    public static ArchRule conceptPackagesHaveNoCycles(String rootPackage) {
        return slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles()
                .because("packages are concepts layered config <- concepts <- api; a cycle would make them one tangle");
    }

    /** Only the JPA implementations of the store interfaces use Spring Data. */
    public static ArchRule storageIsReachedOnlyThroughItsPorts() {
        return noClasses().that().haveSimpleNameNotStartingWith("Jpa").and().areNotAssignableTo(Repository.class)
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
                .because("storage sits behind store interfaces; only their JPA implementations use Spring Data, "
                        + "so that the logic above them runs on the in-memory twins in unit tests");
    }

    /** Entities stay inside the packages whose stores map them. */
    public static ArchRule entitiesStayIn(String... storePackages) {
        return noClasses().that().resideOutsideOfPackages(storePackages)
                .should().dependOnClassesThat().areAnnotatedWith(Entity.class)
                .because("entities are the stores' private mapping of the tables");
    }

    /** Every REST handler names the IAM action it performs (and its resource). */
    public static ArchRule restHandlersNameTheirAction() {
        return methods().that().areDeclaredInClassesThat().areAnnotatedWith("io.sluice.endpoint.rest.RestApi")
                .and().areMetaAnnotatedWith("org.springframework.web.bind.annotation.RequestMapping")
                .should().beAnnotatedWith("io.sluice.endpoint.rest.RestAction")
                .because("a REST request is authorized as the AWS operation of its action; a handler without one would be "
                        + "open to every key of the account whatever its policy");
    }

    /** A service reaches no other service's code: each is its own deployable. */
    public static ArchRule reachesNoOtherService(String rootPackage) {
        List<String> others = new ArrayList<>();
        SERVICES.stream().filter(s -> !s.equals(rootPackage)).forEach(s -> others.add(s + ".."));
        return noClasses().should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                .because("services share no code but common, aws-endpoint and kafka-records, and no tables: "
                        + "each is its own deployable");
    }
}
