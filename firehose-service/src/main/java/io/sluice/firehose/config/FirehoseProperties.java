package io.sluice.firehose.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Firehose service, bound from {@code sluice.firehose.*}.
 *
 * @param accountId the account every request is served as, until access keys map to accounts
 * @param region the region in ARNs
 * @param s3 the S3-compatible storage delivery streams write to
 * @param kafka where put records are kept until they are delivered
 * @param delivery how records travel from Kafka to S3
 * @param lambda where the transformation functions of Lambda processors are invoked
 * @param transitionDelay how long a new delivery stream stays CREATING (and a deleted one DELETING)
 *     before it turns ACTIVE (or is gone), as Firehose takes a few seconds
 * @param metadataCacheTtl how long a delivery stream's configuration is served from memory before
 *     it is read again (puts and delivery see an UpdateDestination of another instance this late)
 * @param deliveryStreamLimit delivery streams one account may have in a region (5,000, Firehose's quota)
 * @param encryption server-side encryption of what delivery streams hold in Kafka
 * @param kinesisSource how KinesisStreamAsSource delivery streams read their Kinesis stream
 */
@ConfigurationProperties("sluice.firehose")
public record FirehoseProperties(
        @DefaultValue("000000000000") String accountId,
        @DefaultValue("us-east-1") String region,
        @DefaultValue io.sluice.storage.S3Settings s3,
        @DefaultValue Kafka kafka,
        @DefaultValue Delivery delivery,
        @DefaultValue Lambda lambda,
        @DefaultValue("500ms") Duration transitionDelay,
        @DefaultValue("1s") Duration metadataCacheTtl,
        @DefaultValue("5000") int deliveryStreamLimit,
        @DefaultValue Encryption encryption,
        @DefaultValue KinesisSource kinesisSource) {

    /**
     * @param streamsUri the streams service whose stream directory KinesisStreamAsSource delivery
     *     streams find their source in
     * @param startingPosition where a new KinesisStreamAsSource delivery stream starts reading:
     *     LATEST (the records from its creation on, as Firehose) or TRIM_HORIZON (everything kept)
     */
    public record KinesisSource(
            @DefaultValue("http://127.0.0.1:4567") java.net.URI streamsUri,
            @DefaultValue("LATEST") String startingPosition) {
    }

    /**
     * @param masterKey the key that wraps every delivery stream's data key: 32 bytes, base64 (the
     *     launcher hands over its own). Without it StartDeliveryStreamEncryption fails.
     */
    public record Encryption(String masterKey) {
    }

    /**
     * @param bootstrapServers the Kafka cluster
     * @param replicationFactor replicas of each delivery stream's topic
     * @param minInsyncReplicas replicas that must have a record before a put is acknowledged
     * @param partitions partitions of each delivery stream's topic: how many firehose-service
     *     consumers can deliver one delivery stream at once
     * @param retentionHours how long a topic keeps records: how long delivery may be down (S3
     *     unreachable, the service stopped) before records put are lost (7 days)
     */
    public record Kafka(
            @DefaultValue("127.0.0.1:9092") String bootstrapServers,
            @DefaultValue("1") short replicationFactor,
            @DefaultValue("1") int minInsyncReplicas,
            @DefaultValue("4") int partitions,
            @DefaultValue("168") int retentionHours) {
    }

    /**
     * @param endpoints the URL each function is invoked at, by function name or ARN (a POST of
     *     Firehose's transformation event, answered with its records)
     * @param urlTemplate the URL of a function not in {@code endpoints}, {@code {function}} standing
     *     for its name — e.g. {@code http://127.0.0.1:3001/2015-03-31/functions/{function}/invocations}
     *     for {@code sam local start-lambda}; unset, such a function cannot be invoked
     * @param timeout how long one invocation may take before it is retried
     */
    public record Lambda(
            @DefaultValue java.util.Map<String, java.net.URI> endpoints,
            String urlTemplate,
            @DefaultValue("60s") Duration timeout) {
    }

    /**
     * @param consumers Kafka consumers (threads) of this instance sharing the delivery streams'
     *     partitions with each other and with the other instances
     * @param bufferDirectory where buffers are written until they are uploaded (a temporary
     *     directory when unset); its contents are disposable, Kafka holds the records
     * @param checkEvery how often buffers are looked at when no record arrives, so that
     *     IntervalInSeconds holds on a quiet stream
     * @param retryBackoff the first wait after a failed upload; it doubles up to {@code retryBackoffMax}
     * @param retryBackoffMax the longest wait between two attempts
     */
    public record Delivery(
            @DefaultValue("2") int consumers,
            Path bufferDirectory,
            @DefaultValue("1s") Duration checkEvery,
            @DefaultValue("1s") Duration retryBackoff,
            @DefaultValue("1m") Duration retryBackoffMax) {
    }
}
