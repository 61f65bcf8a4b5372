package io.sluice.analytics.flink;

import java.net.URI;

/**
 * The Flink cluster applications run on, by its REST endpoint: a session cluster when deployed
 * ({@code sluice.analytics.flink.rest-url}), the launcher's embedded MiniCluster locally, started
 * when the first application needs it.
 */
@FunctionalInterface
public interface FlinkCluster {

    /** The cluster's REST endpoint; may start the cluster. */
    URI restAddress();
}
