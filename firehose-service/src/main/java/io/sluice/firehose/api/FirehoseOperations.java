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
import io.sluice.firehose.encryption.DeliveryStreamEncryption;
import io.sluice.firehose.encryption.EncryptionRequest;
import io.sluice.firehose.record.PutRecordBatchRequest;
import io.sluice.firehose.record.PutRecordRequest;
import io.sluice.firehose.record.RecordPuts;
import io.sluice.firehose.schema.GlueCatalog;
import io.sluice.firehose.schema.GlueShapes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Firehose operations, each to the facade of its concept. */
@Configuration(proxyBeanMethods = false)
class FirehoseOperations {

    @Bean
    AwsOperations awsOperations(DeliveryStreamService deliveryStreams, DeliveryStreamTags tags, RecordPuts puts,
            DeliveryStreamEncryption encryption) {
        return AwsOperations.builder(AwsService.FIREHOSE)
                .operation("CreateDeliveryStream", CreateDeliveryStreamRequest.class, deliveryStreams::create)
                .operation("DescribeDeliveryStream", DeliveryStreamNameRequest.class, deliveryStreams::describe)
                .action("DeleteDeliveryStream", DeliveryStreamNameRequest.class, deliveryStreams::delete)
                .operation("ListDeliveryStreams", ListDeliveryStreamsRequest.class, deliveryStreams::list)
                .action("UpdateDestination", UpdateDestinationRequest.class, deliveryStreams::updateDestination)
                .action("StartDeliveryStreamEncryption", EncryptionRequest.class, encryption::start)
                .action("StopDeliveryStreamEncryption", EncryptionRequest.class, encryption::stop)
                .operation("PutRecord", PutRecordRequest.class, puts::putRecord)
                .operation("PutRecordBatch", PutRecordBatchRequest.class, puts::putRecordBatch)
                .action("TagDeliveryStream", TagDeliveryStreamRequest.class, tags::tag)
                .action("UntagDeliveryStream", TagDeliveryStreamRequest.class, tags::untag)
                .operation("ListTagsForDeliveryStream", TagDeliveryStreamRequest.class, tags::list)
                .build();
    }

    /** The Glue Data Catalog operations of the schema catalogue that DataFormatConversion reads. */
    @Bean
    AwsOperations glueOperations(GlueCatalog glue) {
        return AwsOperations.builder(AwsService.GLUE)
                .action("CreateDatabase", GlueShapes.CreateDatabaseRequest.class, glue::createDatabase)
                .operation("GetDatabase", GlueShapes.DatabaseNameRequest.class, glue::getDatabase)
                .action("DeleteDatabase", GlueShapes.DatabaseNameRequest.class, glue::deleteDatabase)
                .action("CreateTable", GlueShapes.TableInputRequest.class, glue::createTable)
                .operation("GetTable", GlueShapes.TableNameRequest.class, glue::getTable)
                .operation("GetTables", GlueShapes.GetTablesRequest.class, glue::getTables)
                .action("UpdateTable", GlueShapes.TableInputRequest.class, glue::updateTable)
                .action("DeleteTable", GlueShapes.TableNameRequest.class, glue::deleteTable)
                .build();
    }
}
