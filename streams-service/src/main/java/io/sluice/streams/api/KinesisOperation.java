package io.sluice.streams.api;

import io.sluice.streams.consumer.ConsumerRequest;
import io.sluice.streams.consumer.ListStreamConsumersRequest;
import io.sluice.streams.consumer.RegisterStreamConsumerRequest;
import io.sluice.streams.encryption.StreamEncryptionRequest;
import io.sluice.streams.iterator.GetShardIteratorRequest;
import io.sluice.streams.monitoring.EnhancedMonitoringRequest;
import io.sluice.streams.policy.PutResourcePolicyRequest;
import io.sluice.streams.policy.ResourcePolicyRequest;
import io.sluice.streams.record.GetRecordsRequest;
import io.sluice.streams.record.PutRecordRequest;
import io.sluice.streams.record.PutRecordsRequest;
import io.sluice.streams.shard.ListShardsRequest;
import io.sluice.streams.shard.MergeShardsRequest;
import io.sluice.streams.shard.SplitShardRequest;
import io.sluice.streams.shard.UpdateShardCountRequest;
import io.sluice.streams.stream.CreateStreamRequest;
import io.sluice.streams.stream.DeleteStreamRequest;
import io.sluice.streams.stream.DescribeStreamRequest;
import io.sluice.streams.stream.DescribeStreamSummaryRequest;
import io.sluice.streams.stream.ListStreamsRequest;
import io.sluice.streams.stream.RetentionPeriodRequest;
import io.sluice.streams.stream.UpdateMaxRecordSizeRequest;
import io.sluice.streams.stream.UpdateStreamModeRequest;
import io.sluice.streams.subscription.SubscribeToShardRequest;
import io.sluice.streams.tag.AddTagsToStreamRequest;
import io.sluice.streams.tag.ListTagsForResourceRequest;
import io.sluice.streams.tag.ListTagsForStreamRequest;
import io.sluice.streams.tag.RemoveTagsFromStreamRequest;
import io.sluice.streams.tag.TagResourceRequest;
import io.sluice.streams.tag.UntagResourceRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The Kinesis Data Streams operations this service serves, by their X-Amz-Target name. */
enum KinesisOperation {
    CREATE_STREAM("CreateStream", CreateStreamRequest.class),
    DESCRIBE_STREAM("DescribeStream", DescribeStreamRequest.class),
    DESCRIBE_STREAM_SUMMARY("DescribeStreamSummary", DescribeStreamSummaryRequest.class),
    LIST_STREAMS("ListStreams", ListStreamsRequest.class),
    DELETE_STREAM("DeleteStream", DeleteStreamRequest.class),
    LIST_SHARDS("ListShards", ListShardsRequest.class),
    PUT_RECORD("PutRecord", PutRecordRequest.class),
    PUT_RECORDS("PutRecords", PutRecordsRequest.class),
    GET_SHARD_ITERATOR("GetShardIterator", GetShardIteratorRequest.class),
    GET_RECORDS("GetRecords", GetRecordsRequest.class),
    INCREASE_STREAM_RETENTION_PERIOD("IncreaseStreamRetentionPeriod", RetentionPeriodRequest.class),
    DECREASE_STREAM_RETENTION_PERIOD("DecreaseStreamRetentionPeriod", RetentionPeriodRequest.class),
    ADD_TAGS_TO_STREAM("AddTagsToStream", AddTagsToStreamRequest.class),
    LIST_TAGS_FOR_STREAM("ListTagsForStream", ListTagsForStreamRequest.class),
    REMOVE_TAGS_FROM_STREAM("RemoveTagsFromStream", RemoveTagsFromStreamRequest.class),
    UPDATE_MAX_RECORD_SIZE("UpdateMaxRecordSize", UpdateMaxRecordSizeRequest.class),
    UPDATE_STREAM_MODE("UpdateStreamMode", UpdateStreamModeRequest.class),
    SPLIT_SHARD("SplitShard", SplitShardRequest.class),
    MERGE_SHARDS("MergeShards", MergeShardsRequest.class),
    UPDATE_SHARD_COUNT("UpdateShardCount", UpdateShardCountRequest.class),
    REGISTER_STREAM_CONSUMER("RegisterStreamConsumer", RegisterStreamConsumerRequest.class),
    DESCRIBE_STREAM_CONSUMER("DescribeStreamConsumer", ConsumerRequest.class),
    LIST_STREAM_CONSUMERS("ListStreamConsumers", ListStreamConsumersRequest.class),
    DEREGISTER_STREAM_CONSUMER("DeregisterStreamConsumer", ConsumerRequest.class),
    START_STREAM_ENCRYPTION("StartStreamEncryption", StreamEncryptionRequest.class),
    STOP_STREAM_ENCRYPTION("StopStreamEncryption", StreamEncryptionRequest.class),
    SUBSCRIBE_TO_SHARD("SubscribeToShard", SubscribeToShardRequest.class),
    TAG_RESOURCE("TagResource", TagResourceRequest.class),
    UNTAG_RESOURCE("UntagResource", UntagResourceRequest.class),
    LIST_TAGS_FOR_RESOURCE("ListTagsForResource", ListTagsForResourceRequest.class),
    ENABLE_ENHANCED_MONITORING("EnableEnhancedMonitoring", EnhancedMonitoringRequest.class),
    DISABLE_ENHANCED_MONITORING("DisableEnhancedMonitoring", EnhancedMonitoringRequest.class),
    PUT_RESOURCE_POLICY("PutResourcePolicy", PutResourcePolicyRequest.class),
    GET_RESOURCE_POLICY("GetResourcePolicy", ResourcePolicyRequest.class),
    DELETE_RESOURCE_POLICY("DeleteResourcePolicy", ResourcePolicyRequest.class),
    // Operations without input members: any structure is accepted and ignored.
    DESCRIBE_LIMITS("DescribeLimits", Map.class),
    DESCRIBE_ACCOUNT_SETTINGS("DescribeAccountSettings", Map.class);

    static final String TARGET_PREFIX = "Kinesis_20131202.";
    private static final Map<String, KinesisOperation> BY_TARGET = new HashMap<>();

    static {
        for (KinesisOperation op : values()) {
            BY_TARGET.put(TARGET_PREFIX + op.awsName, op);
        }
    }

    private final String awsName;
    private final Class<?> requestType;

    KinesisOperation(String awsName, Class<?> requestType) {
        this.awsName = awsName;
        this.requestType = requestType;
    }

    String awsName() {
        return awsName;
    }

    Class<?> requestType() {
        return requestType;
    }

    static Optional<KinesisOperation> forTarget(String target) {
        return Optional.ofNullable(target == null ? null : BY_TARGET.get(target));
    }
}
