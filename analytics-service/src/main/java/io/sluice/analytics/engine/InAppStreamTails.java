package io.sluice.analytics.engine;

import io.sluice.analytics.application.Application;
import io.sluice.analytics.application.ApplicationStore;
import io.sluice.analytics.application.Shapes;
import io.sluice.analytics.application.StreamLookup;
import io.sluice.analytics.config.AnalyticsProperties;
import io.sluice.analytics.row.RowReader;
import io.sluice.analytics.row.SqlType;
import io.sluice.common.error.ErrorCode;
import io.sluice.endpoint.CallerScope;
import io.sluice.endpoint.rest.RestBodies;
import io.sluice.endpoint.rest.RestData;
import io.sluice.endpoint.rest.RestEvents;
import io.sluice.endpoint.rest.RestTails;
import io.sluice.kafka.RecordFormat;
import io.sluice.kafka.directory.DeliveryStreamDirectory;
import io.sluice.kafka.directory.StreamDirectory;
import io.sluice.kafka.directory.StreamLocation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.stereotype.Component;

/**
 * Live tails of an application's in-application streams that meet the outside: an input's stream
 * ({@code <NamePrefix>_001}) shows the rows its source's new records become under the input schema
 * (what the application reads; a record that does not fit shows as KDA's error_stream row would,
 * its message and data), an output's stream (its {@code Name}) the records written to its
 * destination. Streams inside the application code have no such place to be read from.
 */
@Component
public class InAppStreamTails {
    private final ApplicationStore store;
    private final CallerScope callers;
    private final StreamDirectory streams;
    private final DeliveryStreamDirectory deliveryStreams;
    private final RestBodies bodies;
    private final String bootstrapServers;

    InAppStreamTails(ApplicationStore store, CallerScope callers, StreamDirectory streams, DeliveryStreamDirectory deliveryStreams,
            RestBodies bodies, AnalyticsProperties properties) {
        this.store = store;
        this.callers = callers;
        this.streams = streams;
        this.deliveryStreams = deliveryStreams;
        this.bodies = bodies;
        this.bootstrapServers = properties.kafka().bootstrapServers();
    }

    /**
     * A tail of an in-application stream from now on: a {@code row} event per row (a map of column
     * names to values, or an output record as JSON or text).
     *
     * @throws io.sluice.common.error.AwsException ResourceNotFoundException (no such application, or no
     *     input or output of that in-application stream)
     */
    public RestTails.Tail follow(String applicationName, String inAppStream) {
        Application application = store.find(callers.current(), applicationName).orElseThrow(() -> ErrorCode.RESOURCE_NOT_FOUND.exception(
                "Application %s is not found.", applicationName));
        Source source = source(application, inAppStream);
        KafkaConsumer<byte[], byte[]> consumer = positionedAtTheEnd(source.location());
        return events -> read(consumer, source, events);
    }

    /** A consumer of every partition of the stream, at its end now: the tail shows what comes after this call. */
    private KafkaConsumer<byte[], byte[]> positionedAtTheEnd(StreamLocation location) {
        Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = location.partitions().stream().map(p -> new TopicPartition(location.topic(), p)).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            return consumer;
        } catch (RuntimeException e) {
            consumer.close();
            throw ErrorCode.SERVICE_UNAVAILABLE.exception("The stream cannot be read now: %s", e.getMessage());
        }
    }

    /** Where an in-application stream's rows come from, and how its records read. */
    private record Source(StreamLocation location, RowReader reader) {
    }

    private Source source(Application application, String inAppStream) {
        for (Shapes.InputDescription input : application.configuration().inputs()) {
            if (input.inAppStreamNames().stream().anyMatch(inAppStream::equalsIgnoreCase)) {
                StreamLocation location = locate(application, input.kinesisStreams(), input.kinesisFirehose());
                return new Source(location, ApplicationJob.reader(input.schema()));
            }
        }
        for (Shapes.OutputDescription output : application.configuration().outputs()) {
            if (output.name().equalsIgnoreCase(inAppStream) && output.lambda() == null) {
                return new Source(locate(application, output.kinesisStreams(), output.kinesisFirehose()), null);
            }
        }
        throw ErrorCode.RESOURCE_NOT_FOUND.exception(
                "Application %s has no input or output whose in-application stream is %s.", application.name(), inAppStream);
    }

    private StreamLocation locate(Application application, Shapes.ResourceRole kinesisStream, Shapes.ResourceRole deliveryStream) {
        return kinesisStream != null
                ? StreamLookup.locate(streams, application.owner(), kinesisStream.resourceArn(),
                        missing -> ErrorCode.RESOURCE_NOT_FOUND.exception("Kinesis stream %s does not exist.", missing))
                : StreamLookup.locate(deliveryStreams, application.owner(), deliveryStream.resourceArn(),
                        missing -> ErrorCode.RESOURCE_NOT_FOUND.exception("Delivery stream %s does not exist.", missing));
    }

    private void read(KafkaConsumer<byte[], byte[]> tail, Source source, RestEvents events) {
        RecordFormat format = StreamLocation.recordFormat(source.location().dataKeys());
        Consumer<Object> rows = row -> events.send("row", null, bodies.json(row));
        try (KafkaConsumer<byte[], byte[]> consumer = tail) {
            while (events.isOpen()) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    events.heartbeat();
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    byte[] data = format.open(record).data();
                    if (source.reader() == null) {
                        rows.accept(RestData.jsonOrText(data));
                    } else {
                        readRows(source.reader(), data, rows);
                    }
                }
            }
        } catch (RuntimeException e) {
            rows.accept(Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private static void readRows(RowReader reader, byte[] data, Consumer<Object> rows) {
        try {
            List<String> names = reader.columnNames();
            for (Object[] values : reader.read(data)) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < values.length; i++) {
                    row.put(names.get(i), values[i] == null ? null : values[i].toString());
                }
                rows.accept(row);
            }
        } catch (SqlType.ConversionException e) {
            rows.accept(Map.of("ERROR_NAME", "Type_Conversion_Error", "MESSAGE", String.valueOf(e.getMessage()),
                    "DATA_ROW", String.valueOf(RestData.jsonOrText(data))));
        }
    }
}
