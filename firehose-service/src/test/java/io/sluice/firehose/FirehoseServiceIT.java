package io.sluice.firehose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.account.Caller;
import io.sluice.firehose.delivery.DeliveryStream;
import io.sluice.firehose.delivery.DeliveryStreamStore;
import io.sluice.firehose.delivery.DeliveryStreamStoreContract;
import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.SharedEngines;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.ListDeliveryStreamsResponse;

/**
 * The Firehose service alone on its own database of the shared embedded PostgreSQL, driven by the
 * AWS SDK's FirehoseClient; and its delivery stream store against the real database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + FirehoseApplication.CONFIG_NAME)
class FirehoseServiceIT {

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> SharedEngines.postgres().jdbcUrl("firehose_it"));
        registry.add("spring.datasource.username", () -> SharedEngines.postgres().user());
        registry.add("sluice.firehose.kafka.bootstrap-servers", () -> SharedEngines.kafka().bootstrapServers());
    }

    @LocalServerPort
    int port;
    @Autowired
    DeliveryStreamStore store;

    @Test
    void listsDeliveryStreamsAPageAtATimeByExclusiveStartName() {
        Caller caller = new Caller("000000000000", "us-east-1");
        for (String name : new String[] {"clicks", "audit", "orders"}) {
            store.create(new DeliveryStream(caller, name, name.equals("orders") ? "KinesisStreamAsSource" : "DirectPut",
                    "ACTIVE", 1, Instant.now()));
        }
        try (FirehoseClient firehose = AwsClients.firehose(URI.create("http://127.0.0.1:" + port))) {
            ListDeliveryStreamsResponse first = firehose.listDeliveryStreams(b -> b.limit(2));
            assertThat(first.deliveryStreamNames()).containsExactly("audit", "clicks");
            assertThat(first.hasMoreDeliveryStreams()).isTrue();
            ListDeliveryStreamsResponse rest = firehose.listDeliveryStreams(b -> b.limit(2).exclusiveStartDeliveryStreamName("clicks"));
            assertThat(rest.deliveryStreamNames()).containsExactly("orders");
            assertThat(rest.hasMoreDeliveryStreams()).isFalse();
            assertThat(firehose.listDeliveryStreams(b -> b.deliveryStreamType("KinesisStreamAsSource")).deliveryStreamNames())
                    .containsExactly("orders");
            assertThat(first.responseMetadata().requestId()).isNotBlank();

            assertThatThrownBy(() -> firehose.listDeliveryStreams(b -> b.limit(0)))
                    .isInstanceOfSatisfying(FirehoseException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                        assertThat(e.getMessage()).contains("Member must have value greater than or equal to 1");
                    });
        }
    }

    /** The JPA store passes the same contract as its in-memory twin, on the real database. */
    @Nested
    class JpaStore extends DeliveryStreamStoreContract {
        @Override
        protected DeliveryStreamStore store() {
            return store;
        }
    }
}
