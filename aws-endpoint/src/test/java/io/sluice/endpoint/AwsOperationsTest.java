package io.sluice.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.protocol.AwsService;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsOperationsTest {

    @Test
    void findsOperationsByTheirTargetWithinTheirServiceOnly() {
        AwsOperations table = AwsOperations.builder(AwsService.FIREHOSE)
                .operation("ListDeliveryStreams", Map.class, r -> Map.of("n", r.size()))
                .action("DeleteDeliveryStream", Map.class, r -> { })
                .build();
        AwsOperations.Operation<?> list = table.forTarget("Firehose_20150804.ListDeliveryStreams").orElseThrow();
        assertThat(list.handle(Map.of("a", 1))).isEqualTo(Map.of("n", 1));
        assertThat(table.forTarget("Firehose_20150804.DeleteDeliveryStream").orElseThrow().handle(Map.of())).isNull();
        assertThat(table.forTarget("Kinesis_20131202.ListDeliveryStreams")).as("another service's prefix").isEmpty();
        assertThat(table.forTarget("Firehose_20150804.NoSuchThing")).isEmpty();
        assertThat(table.forTarget("Firehose_20150804.")).isEmpty();
        assertThat(table.forTarget(null)).isEmpty();
    }

    @Test
    void refusesTheSameNameTwiceAndNamesThatAreNotAwsNames() {
        AwsOperations.Builder builder = AwsOperations.builder(AwsService.KINESIS).action("PutRecord", Map.class, r -> { });
        assertThatThrownBy(() -> builder.operation("PutRecord", Map.class, r -> r))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PutRecord twice");
        assertThatThrownBy(() -> AwsOperations.builder(AwsService.KINESIS).action("put-record", Map.class, r -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsAForwardedRequestIdAndMakesOneOtherwise() {
        assertThat(AwsEndpointController.requestId("5f1c7a8e-0000-4000-8000-000000000001"))
                .isEqualTo("5f1c7a8e-0000-4000-8000-000000000001");
        assertThat(AwsEndpointController.requestId(null)).hasSize(36);
        assertThat(AwsEndpointController.requestId("bad id\r\nX-Injected: 1")).hasSize(36).doesNotContain("X-Injected");
    }
}
