package io.sluice.streams.api;

import io.sluice.streams.consumer.ConsumerRequest;
import io.sluice.streams.consumer.ConsumerService;
import io.sluice.streams.consumer.ListStreamConsumersRequest;
import io.sluice.streams.consumer.RegisterStreamConsumerRequest;
import io.sluice.streams.encryption.EncryptionService;
import io.sluice.streams.encryption.StreamEncryptionRequest;
import io.sluice.streams.iterator.GetShardIteratorRequest;
import io.sluice.streams.iterator.IteratorService;
import io.sluice.streams.monitoring.EnhancedMonitoringRequest;
import io.sluice.streams.monitoring.EnhancedMonitoringService;
import io.sluice.streams.policy.PutResourcePolicyRequest;
import io.sluice.streams.policy.ResourcePolicyRequest;
import io.sluice.streams.policy.ResourcePolicyService;
import io.sluice.streams.record.GetRecordsRequest;
import io.sluice.streams.record.GetRecordsService;
import io.sluice.streams.record.PutRecordRequest;
import io.sluice.streams.record.PutRecordsRequest;
import io.sluice.streams.record.PutRecordsService;
import io.sluice.streams.shard.ListShardsRequest;
import io.sluice.streams.shard.MergeShardsRequest;
import io.sluice.streams.shard.ReshardingService;
import io.sluice.streams.shard.SplitShardRequest;
import io.sluice.streams.shard.UpdateShardCountRequest;
import io.sluice.streams.shard.ShardService;
import io.sluice.streams.stream.AccountLimits;
import io.sluice.streams.stream.CreateStreamRequest;
import io.sluice.streams.stream.DeleteStreamRequest;
import io.sluice.streams.stream.DescribeStreamRequest;
import io.sluice.streams.stream.DescribeStreamSummaryRequest;
import io.sluice.streams.stream.ListStreamsRequest;
import io.sluice.streams.stream.RetentionPeriodRequest;
import io.sluice.streams.stream.StreamService;
import io.sluice.streams.stream.StreamViews;
import io.sluice.streams.stream.UpdateMaxRecordSizeRequest;
import io.sluice.streams.stream.UpdateStreamModeRequest;
import io.sluice.streams.tag.AddTagsToStreamRequest;
import io.sluice.streams.tag.ListTagsForResourceRequest;
import io.sluice.streams.tag.ListTagsForStreamRequest;
import io.sluice.streams.tag.RemoveTagsFromStreamRequest;
import io.sluice.streams.tag.TagResourceRequest;
import io.sluice.streams.tag.UntagResourceRequest;
import io.sluice.streams.tag.TagService;
import org.springframework.stereotype.Component;

/** Dispatches a decoded request to the facade of its concept. Void operations return null. */
@Component
class KinesisApi {
    private final StreamService streams;
    private final StreamViews views;
    private final ShardService shards;
    private final PutRecordsService puts;
    private final GetRecordsService gets;
    private final IteratorService iterators;
    private final TagService tags;
    private final AccountLimits account;
    private final EnhancedMonitoringService monitoring;
    private final ResourcePolicyService policies;
    private final ReshardingService resharding;
    private final ConsumerService consumers;
    private final EncryptionService encryption;

    KinesisApi(StreamService streams, StreamViews views, ShardService shards, PutRecordsService puts,
            GetRecordsService gets, IteratorService iterators, TagService tags, AccountLimits account,
            EnhancedMonitoringService monitoring, ResourcePolicyService policies, ReshardingService resharding,
            ConsumerService consumers, EncryptionService encryption) {
        this.consumers = consumers;
        this.encryption = encryption;
        this.resharding = resharding;
        this.account = account;
        this.monitoring = monitoring;
        this.policies = policies;
        this.streams = streams;
        this.views = views;
        this.shards = shards;
        this.puts = puts;
        this.gets = gets;
        this.iterators = iterators;
        this.tags = tags;
    }

    Object invoke(KinesisOperation operation, Object request) {
        switch (operation) {
            case CREATE_STREAM -> streams.create((CreateStreamRequest) request);
            case DELETE_STREAM -> streams.delete((DeleteStreamRequest) request);
            case INCREASE_STREAM_RETENTION_PERIOD -> streams.changeRetention((RetentionPeriodRequest) request, true);
            case DECREASE_STREAM_RETENTION_PERIOD -> streams.changeRetention((RetentionPeriodRequest) request, false);
            case ADD_TAGS_TO_STREAM -> tags.add((AddTagsToStreamRequest) request);
            case REMOVE_TAGS_FROM_STREAM -> tags.remove((RemoveTagsFromStreamRequest) request);
            case UPDATE_MAX_RECORD_SIZE -> streams.updateMaxRecordSize((UpdateMaxRecordSizeRequest) request);
            case UPDATE_STREAM_MODE -> streams.updateMode((UpdateStreamModeRequest) request);
            case START_STREAM_ENCRYPTION -> encryption.start((StreamEncryptionRequest) request);
            case STOP_STREAM_ENCRYPTION -> encryption.stop((StreamEncryptionRequest) request);
            case SPLIT_SHARD -> resharding.split((SplitShardRequest) request);
            case MERGE_SHARDS -> resharding.merge((MergeShardsRequest) request);
            case DEREGISTER_STREAM_CONSUMER -> consumers.deregister((ConsumerRequest) request);
            case REGISTER_STREAM_CONSUMER -> {
                return consumers.register((RegisterStreamConsumerRequest) request);
            }
            case DESCRIBE_STREAM_CONSUMER -> {
                return consumers.describe((ConsumerRequest) request);
            }
            case LIST_STREAM_CONSUMERS -> {
                return consumers.list((ListStreamConsumersRequest) request);
            }
            case TAG_RESOURCE -> tags.tagResource((TagResourceRequest) request);
            case UNTAG_RESOURCE -> tags.untagResource((UntagResourceRequest) request);
            case PUT_RESOURCE_POLICY -> policies.put((PutResourcePolicyRequest) request);
            case DELETE_RESOURCE_POLICY -> policies.delete((ResourcePolicyRequest) request);
            case UPDATE_SHARD_COUNT -> {
                return resharding.updateShardCount((UpdateShardCountRequest) request);
            }
            case LIST_TAGS_FOR_RESOURCE -> {
                return tags.listForResource((ListTagsForResourceRequest) request);
            }
            case GET_RESOURCE_POLICY -> {
                return policies.get((ResourcePolicyRequest) request);
            }
            case ENABLE_ENHANCED_MONITORING -> {
                return monitoring.enable((EnhancedMonitoringRequest) request);
            }
            case DISABLE_ENHANCED_MONITORING -> {
                return monitoring.disable((EnhancedMonitoringRequest) request);
            }
            case DESCRIBE_LIMITS -> {
                return account.describeLimits();
            }
            case DESCRIBE_ACCOUNT_SETTINGS -> {
                return account.describeAccountSettings();
            }
            case DESCRIBE_STREAM -> {
                return views.describe((DescribeStreamRequest) request);
            }
            case DESCRIBE_STREAM_SUMMARY -> {
                return views.describeSummary((DescribeStreamSummaryRequest) request);
            }
            case LIST_STREAMS -> {
                return views.list((ListStreamsRequest) request);
            }
            case LIST_SHARDS -> {
                return shards.list((ListShardsRequest) request);
            }
            case PUT_RECORD -> {
                return puts.putRecord((PutRecordRequest) request);
            }
            case PUT_RECORDS -> {
                return puts.putRecords((PutRecordsRequest) request);
            }
            case GET_SHARD_ITERATOR -> {
                return iterators.getShardIterator((GetShardIteratorRequest) request);
            }
            case GET_RECORDS -> {
                return gets.getRecords((GetRecordsRequest) request);
            }
            case LIST_TAGS_FOR_STREAM -> {
                return tags.list((ListTagsForStreamRequest) request);
            }
        }
        return null;
    }
}
