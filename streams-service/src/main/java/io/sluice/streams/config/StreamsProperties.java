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
 */
@ConfigurationProperties("sluice.streams")
public record StreamsProperties(
        @DefaultValue("000000000000") String accountId,
        @DefaultValue("us-east-1") String region,
        @DefaultValue Kafka kafka,
        @DefaultValue Limits limits,
        @DefaultValue("1s") Duration metadataCacheTtl) {

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
     * @param maxRecordBytes largest record data (Kinesis: 1 MiB)
     * @param putRecordsMaxBytes largest PutRecords request, data and partition keys (5 MiB)
     * @param getRecordsMaxBytes most data one GetRecords returns (10 MiB)
     * @param iteratorTtl how long a shard iterator stays valid (5 minutes)
     * @param shardLimit most open shards per account
     * @param onDemandShards shards an ON_DEMAND stream starts with
     * @param defaultRetentionHours retention of a new stream
     */
    public record Limits(
            @DefaultValue("1048576") int maxRecordBytes,
            @DefaultValue("5242880") int putRecordsMaxBytes,
            @DefaultValue("10485760") int getRecordsMaxBytes,
            @DefaultValue("5m") Duration iteratorTtl,
            @DefaultValue("500") int shardLimit,
            @DefaultValue("4") int onDemandShards,
            @DefaultValue("24") int defaultRetentionHours) {
    }
}
