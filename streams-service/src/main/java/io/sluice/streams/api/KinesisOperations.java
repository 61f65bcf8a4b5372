package io.sluice.streams.api;

import io.sluice.common.protocol.AwsService;
import io.sluice.endpoint.AwsOperations;
import io.sluice.streams.capacity.AccountSettings;
import io.sluice.streams.capacity.CapacityService;
import io.sluice.streams.config.StreamsProperties;
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
import io.sluice.streams.shard.ShardService;
import io.sluice.streams.shard.SplitShardRequest;
import io.sluice.streams.shard.UpdateShardCountRequest;
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
import io.sluice.streams.stream.WarmThroughput;
import io.sluice.streams.subscription.SubscribeToShardRequest;
import io.sluice.streams.subscription.SubscriptionService;
import io.sluice.streams.tag.AddTagsToStreamRequest;
import io.sluice.streams.tag.ListTagsForResourceRequest;
import io.sluice.streams.tag.ListTagsForStreamRequest;
import io.sluice.streams.tag.RemoveTagsFromStreamRequest;
import io.sluice.streams.tag.TagResourceRequest;
import io.sluice.streams.tag.TagService;
import io.sluice.streams.tag.UntagResourceRequest;
import java.time.Duration;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Kinesis Data Streams operations, each to the facade of its concept. */
@Configuration(proxyBeanMethods = false)
class KinesisOperations {

    @Bean
    AwsOperations awsOperations(StreamService streams, StreamViews views, ShardService shards, PutRecordsService puts,
            GetRecordsService gets, IteratorService iterators, TagService tags, AccountLimits account,
            EnhancedMonitoringService monitoring, ResourcePolicyService policies, ReshardingService resharding,
            ConsumerService consumers, EncryptionService encryption, SubscriptionService subscriptions,
            StreamsProperties properties, CapacityService capacity) {
        Duration subscriptionLasts = properties.subscriptions().duration();
        return AwsOperations.builder(AwsService.KINESIS)
                .action("CreateStream", CreateStreamRequest.class, streams::create)
                .operation("DescribeStream", DescribeStreamRequest.class, views::describe)
                .operation("DescribeStreamSummary", DescribeStreamSummaryRequest.class, views::describeSummary)
                .operation("ListStreams", ListStreamsRequest.class, views::list)
                .action("DeleteStream", DeleteStreamRequest.class, streams::delete)
                .operation("ListShards", ListShardsRequest.class, shards::list)
                .operation("PutRecord", PutRecordRequest.class, puts::putRecord)
                .operation("PutRecords", PutRecordsRequest.class, puts::putRecords)
                .operation("GetShardIterator", GetShardIteratorRequest.class, iterators::getShardIterator)
                .operation("GetRecords", GetRecordsRequest.class, gets::getRecords)
                .action("IncreaseStreamRetentionPeriod", RetentionPeriodRequest.class, r -> streams.changeRetention(r, true))
                .action("DecreaseStreamRetentionPeriod", RetentionPeriodRequest.class, r -> streams.changeRetention(r, false))
                .action("AddTagsToStream", AddTagsToStreamRequest.class, tags::add)
                .operation("ListTagsForStream", ListTagsForStreamRequest.class, tags::list)
                .action("RemoveTagsFromStream", RemoveTagsFromStreamRequest.class, tags::remove)
                .action("UpdateMaxRecordSize", UpdateMaxRecordSizeRequest.class, streams::updateMaxRecordSize)
                .action("UpdateStreamMode", UpdateStreamModeRequest.class, streams::updateMode)
                .action("SplitShard", SplitShardRequest.class, resharding::split)
                .action("MergeShards", MergeShardsRequest.class, resharding::merge)
                .operation("UpdateShardCount", UpdateShardCountRequest.class, resharding::updateShardCount)
                .operation("RegisterStreamConsumer", RegisterStreamConsumerRequest.class, consumers::register)
                .operation("DescribeStreamConsumer", ConsumerRequest.class, consumers::describe)
                .operation("ListStreamConsumers", ListStreamConsumersRequest.class, consumers::list)
                .action("DeregisterStreamConsumer", ConsumerRequest.class, consumers::deregister)
                .action("StartStreamEncryption", StreamEncryptionRequest.class, encryption::start)
                .action("StopStreamEncryption", StreamEncryptionRequest.class, encryption::stop)
                // Errors before the stream starts are ordinary error responses; later ones are events.
                .streaming("SubscribeToShard", SubscribeToShardRequest.class, (request, exchange) -> EventStreamResponse.start(
                        exchange, subscriptions.subscribe(request), subscriptionLasts))
                .action("TagResource", TagResourceRequest.class, tags::tagResource)
                .action("UntagResource", UntagResourceRequest.class, tags::untagResource)
                .operation("ListTagsForResource", ListTagsForResourceRequest.class, tags::listForResource)
                .operation("EnableEnhancedMonitoring", EnhancedMonitoringRequest.class, monitoring::enable)
                .operation("DisableEnhancedMonitoring", EnhancedMonitoringRequest.class, monitoring::disable)
                .action("PutResourcePolicy", PutResourcePolicyRequest.class, policies::put)
                .operation("GetResourcePolicy", ResourcePolicyRequest.class, policies::get)
                .action("DeleteResourcePolicy", ResourcePolicyRequest.class, policies::delete)
                // Operations without input members: any structure is accepted and ignored.
                .operation("DescribeLimits", Map.class, r -> account.describeLimits())
                .operation("DescribeAccountSettings", Map.class, r -> capacity.describeAccountSettings())
                .operation("UpdateAccountSettings", AccountSettings.Update.class, capacity::updateAccountSettings)
                .operation("UpdateStreamWarmThroughput", WarmThroughput.Update.class, capacity::updateWarmThroughput)
                .build();
    }
}
