package io.sluice.streams.record;

import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.common.kinesis.ShardId;
import io.sluice.endpoint.access.AccessControl;
import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.encryption.RecordCipher;
import io.sluice.streams.iterator.ShardIteratorCodec;
import io.sluice.streams.iterator.ShardPosition;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.monitoring.StreamMetrics;
import io.sluice.streams.shard.ShardReader;
import io.sluice.streams.stream.StreamCatalog;
import io.sluice.streams.throughput.ShardThroughput;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Service;

/** GetRecords: reads a shard from the position its iterator holds and hands out the next iterator. */
@Service
public class GetRecordsService {
    private static final int DEFAULT_LIMIT = 10_000;

    private final StreamCatalog catalog;
    private final ShardIteratorCodec iterators;
    private final ShardReader reader;
    private final ShardThroughput throughput;
    private final RecordCipher cipher;
    private final StreamMetrics metrics;
    private final Clock clock;
    private final AccessControl access;
    private final int maxBytes;

    GetRecordsService(StreamCatalog catalog, ShardIteratorCodec iterators, ShardReader reader, ShardThroughput throughput,
            RecordCipher cipher, StreamMetrics metrics, Clock clock, AccessControl access, StreamsProperties properties) {
        this.access = access;
        this.cipher = cipher;
        this.metrics = metrics;
        this.catalog = catalog;
        this.iterators = iterators;
        this.reader = reader;
        this.throughput = throughput;
        this.clock = clock;
        this.maxBytes = properties.limits().getRecordsMaxBytes();
    }

    /**
     * @throws io.sluice.common.error.AwsException ValidationException (Limit outside 1..10000),
     *     InvalidArgumentException (iterator not ours), ExpiredIteratorException,
     *     ResourceNotFoundException (the stream or shard is gone), ProvisionedThroughputExceededException
     *     (more than 5 calls a second on the shard, or 2 MiB a second returned by earlier calls)
     */
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        long started = System.nanoTime();
        Violations.check()
                .notNull("shardIterator", request.shardIterator())
                .length("shardIterator", request.shardIterator(), 1, 512)
                .range("limit", request.limit(), 1, 10000)
                .raise();
        Instant now = clock.instant();
        ShardPosition position = iterators.decode(request.shardIterator(), now);
        Stream stream = catalog.requireActive(position.streamId());
        if (request.streamArn() != null && !request.streamArn().equals(stream.arn())) {
            throw ErrorCode.INVALID_ARGUMENT.exception("The shard iterator does not belong to stream %s.", request.streamArn());
        }
        // The stream is inside the iterator: the request is authorized on it here.
        access.authorizeCurrent(stream.arn());
        ShardId shardId = new ShardId(position.shardIndex());
        Shard shard = stream.shard(shardId).orElseThrow(() -> ErrorCode.RESOURCE_NOT_FOUND.exception(
                "Shard %s in stream %s does not exist", shardId, stream.key()));
        try {
            throughput.admitRead(stream, shard);
        } catch (RuntimeException throttled) {
            metrics.readThrottled(stream, shard);
            throw throttled;
        }

        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        long until = shard.sealed() ? shard.endingOffset() : Long.MAX_VALUE;
        ShardReader.Batch batch = reader.read(stream.topic(), position.shardIndex(), position.offset(), until, limit, maxBytes);
        List<RecordView> records = new ArrayList<>(batch.records().size());
        long bytes = 0;
        for (ConsumerRecord<byte[], byte[]> r : batch.records()) {
            bytes += RecordView.size(r);
            records.add(RecordView.of(r, cipher));
        }
        throughput.recordRead(stream, shard, bytes);
        long age = records.isEmpty() ? 0 : Math.max(0, now.toEpochMilli() - batch.records().get(batch.records().size() - 1).timestamp());
        metrics.getRecords(stream, shard, records.size(), bytes, age, System.nanoTime() - started);
        long behind = 0;
        if (batch.nextOffset() < batch.endOffset() && !batch.records().isEmpty()) {
            behind = Math.max(0, now.toEpochMilli() - batch.records().get(batch.records().size() - 1).timestamp());
        }
        if (shard.sealed() && batch.nextOffset() >= shard.endingOffset()) {
            // The end of a closed shard: no next iterator; the reader continues with the children.
            return new GetRecordsResponse(records, null, 0, stream.children(shard).stream().map(ChildShardView::of).toList());
        }
        String next = iterators.encode(new ShardPosition(stream.id(), position.shardIndex(), batch.nextOffset()), now);
        return new GetRecordsResponse(records, next, behind, null);
    }
}
