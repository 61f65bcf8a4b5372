package io.sluice.streams.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the streams service, bound from {@code sluice.streams.*}.
 *
 * @param accountId the account every request is served as, until access keys map to accounts
 * @param region the region in ARNs
 * @param kafka how to reach Kafka and how stream topics are created
 * @param limits the Kinesis limits, defaults as AWS documents them
 * @param metadataCacheTtl how long a stream's shard map is served from memory before re-reading it
 * @param throughput the per-shard read and write rates of a provisioned Kinesis shard
 * @param consumerTransitionDelay how long a registered consumer stays CREATING (and a deregistered one
 *     DELETING) before it turns ACTIVE (or is gone), as Kinesis takes a few seconds
 * @param subscriptions how SubscribeToShard event streams behave
 * @param encryption encryption at rest (StartStreamEncryption)
 * @param onDemand how ON_DEMAND streams scale
 */
@ConfigurationProperties("sluice.streams")
public record StreamsProperties(
        @DefaultValue("000000000000") String accountId,
        @DefaultValue("us-east-1") String region,
        @DefaultValue Kafka kafka,
        @DefaultValue Limits limits,
        @DefaultValue("1s") Duration metadataCacheTtl,
        @DefaultValue Throughput throughput,
        @DefaultValue("500ms") Duration consumerTransitionDelay,
        @DefaultValue Subscriptions subscriptions,
        @DefaultValue Encryption encryption,
        @DefaultValue OnDemand onDemand) {

    /**
     * @param enabled whether ON_DEMAND streams split their busy shards
     * @param window how long a shard's offered write rate must stay above a provisioned shard's
     *     limits (the throughput settings) before the shard is split
     * @param checkEvery how often the rates are looked at
     */
    public record OnDemand(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("60s") Duration window,
            @DefaultValue("5s") Duration checkEvery) {
    }

    /**
     * @param masterKey the key that wraps every stream's data keys: 32 bytes, base64. Without it
     *     StartStreamEncryption fails with KMSNotFoundException. Keep it out of the database and
     *     Kafka (an environment variable or a mounted secret); records sealed under it cannot be
     *     read without it.
     */
    public record Encryption(String masterKey) {
    }

    /**
     * @param duration how long one SubscribeToShard event stream lasts (5 minutes, as in Kinesis)
     * @param heartbeat longest time without an event: an idle subscription gets an empty event with
     *     its ContinuationSequenceNumber this often
     * @param takeoverAfter how old a subscription must be before a new SubscribeToShard for the same
     *     consumer and shard takes it over instead of failing with ResourceInUseException (5 s)
     * @param eventMaxBytes most record data in one SubscribeToShardEvent (at least one record is sent)
     * @param threads threads that read shards for subscriptions and write their events
     */
    public record Subscriptions(
            @DefaultValue("5m") Duration duration,
            @DefaultValue("5s") Duration heartbeat,
            @DefaultValue("5s") Duration takeoverAfter,
            @DefaultValue("1048576") int eventMaxBytes,
            @DefaultValue("16") int threads) {
    }

    /**
     * @param enabled whether the per-shard limits apply (on by default, as in Kinesis)
     * @param scale multiplies every rate below (2.0 doubles them)
     * @param writeBytesPerSecond data and partition keys written to one shard (1 MiB/s)
     * @param writeRecordsPerSecond records written to one shard (1,000/s)
     * @param readBytesPerSecond data GetRecords returns from one shard (2 MiB/s)
     * @param readCallsPerSecond GetRecords calls on one shard (5/s)
     */
    public record Throughput(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1.0") double scale,
            @DefaultValue("1048576") long writeBytesPerSecond,
            @DefaultValue("1000") long writeRecordsPerSecond,
            @DefaultValue("2097152") long readBytesPerSecond,
            @DefaultValue("5") long readCallsPerSecond) {
    }

    /**
     * @param bootstrapServers the Kafka cluster holding the shards
     * @param replicationFactor replicas of each stream topic
     * @param minInsyncReplicas replicas that must acknowledge a write (acks=all)
     * @param consumerPoolSize Kafka consumers kept for GetRecords and iterator positioning
     */
    public record Kafka(
            @DefaultValue("127.0.0.1:9092") String bootstrapServers,
            @DefaultValue("1") short replicationFactor,
            @DefaultValue("1") int minInsyncReplicas,
            @DefaultValue("16") int consumerPoolSize) {
    }

    /**
     * @param maxRecordBytes largest record data of a new stream (Kinesis: 1 MiB; UpdateMaxRecordSize
     *     raises a stream's up to 10 MiB)
     * @param putRecordsMaxBytes largest PutRecords request, data and partition keys (5 MiB)
     * @param getRecordsMaxBytes most data one GetRecords returns (10 MiB)
     * @param iteratorTtl how long a shard iterator stays valid (5 minutes)
     * @param shardLimit most open shards per account
     * @param onDemandShards shards an ON_DEMAND stream starts with
     * @param onDemandStreamLimit most ON_DEMAND streams per account (50)
     * @param defaultRetentionHours retention of a new stream
     */
    public record Limits(
            @DefaultValue("1048576") int maxRecordBytes,
            @DefaultValue("5242880") int putRecordsMaxBytes,
            @DefaultValue("10485760") int getRecordsMaxBytes,
            @DefaultValue("5m") Duration iteratorTtl,
            @DefaultValue("500") int shardLimit,
            @DefaultValue("4") int onDemandShards,
            @DefaultValue("50") int onDemandStreamLimit,
            @DefaultValue("24") int defaultRetentionHours) {
    }
}
