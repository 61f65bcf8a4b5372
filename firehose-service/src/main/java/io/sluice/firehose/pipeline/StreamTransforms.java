package io.sluice.firehose.pipeline;

import io.sluice.firehose.conversion.DataFormatConversion;
import io.sluice.firehose.conversion.RecordConversion;
import io.sluice.firehose.delivery.DeliveryStream;
import io.sluice.firehose.delivery.DeliveryTopics;
import io.sluice.firehose.destination.ObjectKeys;
import io.sluice.firehose.destination.S3Destination;
import io.sluice.common.lambda.LambdaInvoker;
import io.sluice.firehose.processing.RecordProcessing;
import io.sluice.firehose.schema.SchemaCatalog;
import io.sluice.firehose.schema.TableSchema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a delivery stream's configuration does to its records before they are buffered: its
 * processors, made once per stream version, and its data format conversion, whose table is read
 * again every minute.
 */
final class StreamTransforms {
    private static final long TABLE_TTL_MILLIS = 60_000;

    private final SchemaCatalog schemas;
    private final LambdaInvoker lambdas;
    private final Clock clock;
    private final Map<String, RecordProcessing> processings = new ConcurrentHashMap<>();
    private final Map<String, Timed<RecordConversion>> conversions = new ConcurrentHashMap<>();
    private final Map<String, Optional<S3Destination>> backups = new ConcurrentHashMap<>();

    StreamTransforms(SchemaCatalog schemas, LambdaInvoker lambdas, Clock clock) {
        this.schemas = schemas;
        this.lambdas = lambdas;
        this.clock = clock;
    }

    private record Timed<T>(T value, long madeAt) {
    }

    /** The processing of a delivery stream's version. */
    RecordProcessing processing(DeliveryStream stream) {
        return processings.computeIfAbsent(key(stream), key -> {
            S3Destination destination = stream.destination().s3();
            return new RecordProcessing(destination.processing(), destination.dynamicPartitioning(),
                    ObjectKeys.partitionKeysOf(destination.prefix()), stream.arn().toString(), stream.owner().region(), lambdas, clock);
        });
    }

    /** Where a delivery stream's version backs up source records, null for nowhere. */
    S3Destination backup(DeliveryStream stream) {
        return backups.computeIfAbsent(key(stream), key -> Optional.ofNullable(stream.destination().s3().backup())).orElse(null);
    }

    /** The data format conversion of a delivery stream's version, null for none; its table is read again every minute. */
    RecordConversion conversion(DeliveryStream stream) {
        Timed<RecordConversion> cached = conversions.get(key(stream));
        if (cached == null || cached.value() != null && clock.millis() - cached.madeAt() > TABLE_TTL_MILLIS) {
            DataFormatConversion configuration = DataFormatConversion.of(stream.destination().s3().dataFormatConversionConfiguration());
            RecordConversion conversion = null;
            if (configuration.enabled()) {
                TableSchema table = schemas.table(stream.owner(), configuration.database().toLowerCase(Locale.ROOT),
                        configuration.table().toLowerCase(Locale.ROOT)).orElse(null);
                conversion = new RecordConversion(configuration, table, stream.owner().accountId(), stream.owner().region(), clock);
            }
            cached = new Timed<>(conversion, clock.millis());
            conversions.put(key(stream), cached);
        }
        return cached.value();
    }

    /**
     * The outputs of a poll's records of one partition, by the offset of the record each came from:
     * processed, then checked against the conversion's table.
     *
     * @param data each record's data as it was put
     */
    Map<Long, List<RecordProcessing.Output>> outputsByOffset(RecordProcessing processing, RecordConversion conversion,
            List<RecordProcessing.Input> data) {
        List<RecordProcessing.Output> outputs = new ArrayList<>(data.size());
        if (processing.passThrough()) {
            data.forEach(r -> outputs.add(new RecordProcessing.Output(r.offset(), r.arrivalMillis(), r.data(), Map.of(), null)));
        } else {
            outputs.addAll(processing.process(data));
        }
        Map<Long, List<RecordProcessing.Output>> byOffset = new HashMap<>();
        for (RecordProcessing.Output output : outputs) {
            RecordProcessing.Output checked = conversion == null || output.failed() ? output : conversion.check(output);
            byOffset.computeIfAbsent(checked.offset(), o -> new ArrayList<>()).add(checked);
        }
        return byOffset;
    }

    private static String key(DeliveryStream stream) {
        return DeliveryTopics.topicOf(stream) + "@" + stream.versionId();
    }
}
