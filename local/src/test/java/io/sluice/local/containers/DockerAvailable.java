package io.sluice.local.containers;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/** Runs the container suite where a Docker engine answers; elsewhere skips it, and says so in the build output. */
final class DockerAvailable implements ExecutionCondition {
    private static Boolean available;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (available == null) {
            available = DockerClientFactory.instance().isDockerAvailable();
            if (!available) {
                System.out.println("[containers] No Docker engine answers here: the container suite is skipped "
                        + "(the embedded-engine suite, ./mvnw -B verify, runs the same scenarios).");
            }
        }
        return available ? ConditionEvaluationResult.enabled("Docker is available")
                : ConditionEvaluationResult.disabled("No Docker engine: the container suite is skipped");
    }
}
