package io.sluice.firehose.directory;

import io.sluice.common.account.Caller;
import io.sluice.firehose.config.FirehoseProperties;
import io.sluice.firehose.delivery.DeliveryStream;
import io.sluice.firehose.delivery.DeliveryStreamStore;
import io.sluice.firehose.delivery.DeliveryTopics;
import io.sluice.common.crypto.MasterKey;
import io.sluice.kafka.directory.HttpStreamDirectory;
import io.sluice.kafka.directory.StreamLocation;
import java.util.Base64;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The directory of DirectPut delivery streams on the service's internal port, for the other Sluice
 * services that read or write them as PutRecordBatch would (Analytics applications'
 * KinesisFirehoseInput and KinesisFirehoseOutput): the stream's topic, its partitions, and its data
 * key unwrapped, as a {@link StreamLocation}. A delivery stream that reads a Kinesis stream is not
 * in it (nothing may put to it). The gateway never routes this path.
 */
@RestController
class DeliveryStreamDirectoryController {
    private final DeliveryStreamStore store;
    private final MasterKey master;
    private final int partitions;

    DeliveryStreamDirectoryController(DeliveryStreamStore store, MasterKey master, FirehoseProperties properties) {
        this.store = store;
        this.master = master;
        this.partitions = properties.kafka().partitions();
    }

    @GetMapping(HttpStreamDirectory.DELIVERY_STREAMS_PATH + "{accountId}/{region}/{name}")
    ResponseEntity<byte[]> locate(@PathVariable String accountId, @PathVariable String region, @PathVariable String name) {
        return store.find(new Caller(accountId, region), name)
                .filter(stream -> stream.type().equals("DirectPut"))
                .map(stream -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(location(stream).toJson()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private StreamLocation location(DeliveryStream stream) {
        byte[] wrapped = stream.encryption() == null ? null : stream.encryption().wrappedDataKey();
        String dataKey = wrapped == null ? null : Base64.getEncoder().encodeToString(master.unwrap(wrapped));
        return StreamLocation.ofTopic(stream.name(), stream.arn().toString(), DeliveryTopics.topicOf(stream), stream.status(), partitions,
                dataKey, stream.encrypted());
    }
}
