package io.sluice.firehose;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.sluice.testsupport.ServiceRules;
import org.junit.jupiter.api.Test;

class FirehoseArchitectureTest {
    private static final String ROOT = "io.sluice.firehose";
    private final JavaClasses classes = ServiceRules.classesOf(ROOT);

    @Test
    void conceptPackagesHaveNoCycles() {
        ServiceRules.conceptPackagesHaveNoCycles(ROOT).check(classes);
    }

    @Test
    void storageIsReachedOnlyThroughItsPort() {
        ServiceRules.storageIsReachedOnlyThroughItsPorts().check(classes);
        ServiceRules.entitiesStayIn(ROOT + ".delivery..").check(classes);
    }

    @Test
    void otherServicesAreNeverReachedDirectly() {
        ServiceRules.reachesNoOtherService(ROOT).check(classes);
    }

    @Test
    void restHandlersNameTheirAction() {
        ServiceRules.restHandlersNameTheirAction().check(classes);
    }
}
