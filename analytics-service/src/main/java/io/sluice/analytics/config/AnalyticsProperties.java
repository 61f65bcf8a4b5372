package io.sluice.analytics.config;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Kinesis Analytics service, bound from {@code sluice.analytics.*}.
 *
 * @param accountId the account every request is served as, until access keys map to accounts
 * @param region the region in ARNs
 * @param streamsUri the streams service, whose stream directory locates application inputs and outputs
 * @param firehoseUri the Firehose service, whose directory locates delivery streams that are inputs and outputs
 * @param kafka the Kafka cluster holding the streams
 * @param s3 where reference data objects are (the launcher hands over its embedded S3 server)
 * @param lambda where inputs' preprocessing functions are invoked
 * @param flink the Flink cluster applications run on
 * @param metricsEvery how often running applications' metrics are read from their jobs
 */
@ConfigurationProperties("sluice.analytics")
public record AnalyticsProperties(
        @DefaultValue("000000000000") String accountId,
        @DefaultValue("us-east-1") String region,
        @DefaultValue("http://127.0.0.1:4567") URI streamsUri,
        @DefaultValue("http://127.0.0.1:4568") URI firehoseUri,
        @DefaultValue Kafka kafka,
        @DefaultValue io.sluice.storage.S3Settings s3,
        @DefaultValue Lambda lambda,
        @DefaultValue Flink flink,
        @DefaultValue("10s") java.time.Duration metricsEvery) {

    /**
     * @param endpoints the URL each preprocessing function is invoked at, by function name or ARN
     * @param urlTemplate the URL of a function not in {@code endpoints}, {@code {function}} standing
     *     for its name (e.g. {@code sam local start-lambda}'s Invoke path); unset, such a function cannot be invoked
     * @param timeout how long one invocation may take before it is retried
     */
    public record Lambda(@DefaultValue java.util.Map<String, URI> endpoints, String urlTemplate,
            @DefaultValue("60s") java.time.Duration timeout) {

        /** The invoker of these functions (serializable: jobs carry it to their tasks). */
        public io.sluice.common.lambda.LambdaInvoker invoker() {
            return new io.sluice.common.lambda.LambdaInvoker(endpoints == null ? java.util.Map.of() : endpoints, urlTemplate, timeout);
        }
    }

    /** The Kafka cluster as the jobs' tasks reach it. */
    public String jobBootstrapServers() {
        return flink.kafkaBootstrapServers() != null ? flink.kafkaBootstrapServers() : kafka.bootstrapServers();
    }

    /** @param bootstrapServers the Kafka cluster holding the shards */
    public record Kafka(@DefaultValue("127.0.0.1:9092") String bootstrapServers) {
    }

    /**
     * @param restUrl the REST endpoint of a Flink session cluster; unset when the launcher hands over
     *     its embedded MiniCluster
     * @param stateDir where applications' checkpoints and savepoints go, a URI every Flink task
     *     manager can write ({@code file:} locally, {@code s3:} for a session cluster); unset: the
     *     temporary directory's {@code sluice-flink-state}
     * @param jobJar the jar that ships applications' classes to a session cluster (analytics-service's
     *     {@code flink-job} jar, which Maven builds beside it); unset for the launcher's MiniCluster,
     *     which has them on its class path
     * @param saveOnShutdown whether the cluster goes away with the service (./sluice-local's
     *     MiniCluster): running applications then stop with a savepoint as the service shuts down and
     *     resume from it at its next start; a session cluster's jobs run on while the service is away
     * @param kafkaBootstrapServers the Kafka cluster as the Flink cluster's task managers reach it, when
     *     their network names it otherwise than the service's (a listener of its own); unset: {@code
     *     sluice.analytics.kafka.bootstrap-servers}
     */
    public record Flink(URI restUrl, String stateDir, String jobJar, @DefaultValue("false") boolean saveOnShutdown,
            String kafkaBootstrapServers) {

        @Override
        public String stateDir() {
            return stateDir != null ? stateDir
                    : java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "sluice-flink-state").toUri().toString().replaceAll("/$", "");
        }
    }
}
