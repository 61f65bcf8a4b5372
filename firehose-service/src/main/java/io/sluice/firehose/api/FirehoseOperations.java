package io.sluice.firehose.api;

import io.sluice.common.protocol.AwsService;
import io.sluice.endpoint.AwsOperations;
import io.sluice.firehose.delivery.CreateDeliveryStreamRequest;
import io.sluice.firehose.delivery.DeliveryStreamNameRequest;
import io.sluice.firehose.delivery.DeliveryStreamService;
import io.sluice.firehose.delivery.DeliveryStreamTags;
import io.sluice.firehose.delivery.TagDeliveryStreamRequest;
import io.sluice.firehose.delivery.UpdateDestinationRequest;
import io.sluice.firehose.delivery.ListDeliveryStreamsRequest;
import io.sluice.firehose.record.PutRecordBatchRequest;
import io.sluice.firehose.record.PutRecordRequest;
import io.sluice.firehose.record.RecordPuts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Firehose operations, each to the facade of its concept. */
@Configuration(proxyBeanMethods = false)
class FirehoseOperations {

    @Bean
    AwsOperations awsOperations(DeliveryStreamService deliveryStreams, DeliveryStreamTags tags, RecordPuts puts) {
        return AwsOperations.builder(AwsService.FIREHOSE)
                .operation("CreateDeliveryStream", CreateDeliveryStreamRequest.class, deliveryStreams::create)
                .operation("DescribeDeliveryStream", DeliveryStreamNameRequest.class, deliveryStreams::describe)
                .action("DeleteDeliveryStream", DeliveryStreamNameRequest.class, deliveryStreams::delete)
                .operation("ListDeliveryStreams", ListDeliveryStreamsRequest.class, deliveryStreams::list)
                .action("UpdateDestination", UpdateDestinationRequest.class, deliveryStreams::updateDestination)
                .operation("PutRecord", PutRecordRequest.class, puts::putRecord)
                .operation("PutRecordBatch", PutRecordBatchRequest.class, puts::putRecordBatch)
                .action("TagDeliveryStream", TagDeliveryStreamRequest.class, tags::tag)
                .action("UntagDeliveryStream", TagDeliveryStreamRequest.class, tags::untag)
                .operation("ListTagsForDeliveryStream", TagDeliveryStreamRequest.class, tags::list)
                .build();
    }
}
