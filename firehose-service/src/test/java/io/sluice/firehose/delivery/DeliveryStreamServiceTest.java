package io.sluice.firehose.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.account.Caller;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.protocol.Paging;
import io.sluice.endpoint.CallerScope;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** ListDeliveryStreams over the in-memory twin of the store: the caller's streams only, Firehose's default page of 10. */
class DeliveryStreamServiceTest {
    private final Caller caller = new Caller("000000000000", "us-east-1");
    private final MemoryDeliveryStreamStore store = new MemoryDeliveryStreamStore();
    private final DeliveryStreamService service =
            new DeliveryStreamService(store, new CallerScope(caller), new Paging(Clock.systemUTC()));

    @Test
    void listsTheCallersStreamsTenAtATimeByDefault() {
        for (int i = 0; i < 12; i++) {
            store.create(new DeliveryStream(caller, String.format("s%02d", i), "DirectPut", "ACTIVE", 1, Instant.now()));
        }
        store.create(new DeliveryStream(new Caller("111111111111", "us-east-1"), "s00x", "DirectPut", "ACTIVE", 1, Instant.now()));
        ListDeliveryStreamsResponse first = service.list(new ListDeliveryStreamsRequest(null, null, null));
        assertThat(first.deliveryStreamNames()).hasSize(10).startsWith("s00", "s01").doesNotContain("s00x");
        assertThat(first.hasMoreDeliveryStreams()).isTrue();
        ListDeliveryStreamsResponse rest = service.list(new ListDeliveryStreamsRequest(null, null, "s09"));
        assertThat(rest.deliveryStreamNames()).containsExactly("s10", "s11");
        assertThat(rest.hasMoreDeliveryStreams()).isFalse();
    }

    @Test
    void valuesOutsideTheModelsConstraintsAreValidationExceptions() {
        assertThatThrownBy(() -> service.list(new ListDeliveryStreamsRequest(10001, null, null)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION));
        assertThatThrownBy(() -> service.list(new ListDeliveryStreamsRequest(null, "Kafka", null)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage()).contains("deliveryStreamType"));
        assertThatThrownBy(() -> service.list(new ListDeliveryStreamsRequest(null, null, "bad name!")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage()).contains("exclusiveStartDeliveryStreamName"));
    }
}
