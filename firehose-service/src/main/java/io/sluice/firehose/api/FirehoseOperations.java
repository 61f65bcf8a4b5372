package io.sluice.firehose.api;

import io.sluice.common.protocol.AwsService;
import io.sluice.endpoint.AwsOperations;
import io.sluice.firehose.delivery.CreateDeliveryStreamRequest;
import io.sluice.firehose.delivery.DeliveryStreamNameRequest;
import io.sluice.firehose.delivery.DeliveryStreamService;
import io.sluice.firehose.delivery.ListDeliveryStreamsRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Firehose operations, each to the facade of its concept. */
@Configuration(proxyBeanMethods = false)
class FirehoseOperations {

    @Bean
    AwsOperations awsOperations(DeliveryStreamService deliveryStreams) {
        return AwsOperations.builder(AwsService.FIREHOSE)
                .operation("CreateDeliveryStream", CreateDeliveryStreamRequest.class, deliveryStreams::create)
                .operation("DescribeDeliveryStream", DeliveryStreamNameRequest.class, deliveryStreams::describe)
                .action("DeleteDeliveryStream", DeliveryStreamNameRequest.class, deliveryStreams::delete)
                .operation("ListDeliveryStreams", ListDeliveryStreamsRequest.class, deliveryStreams::list)
                .build();
    }
}
