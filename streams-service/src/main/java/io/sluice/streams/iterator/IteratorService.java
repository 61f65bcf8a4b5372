package io.sluice.streams.iterator;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.common.kinesis.SequenceNumber;
import io.sluice.common.kinesis.ShardId;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.shard.ShardReader;
import io.sluice.streams.stream.StreamCatalog;
import io.sluice.streams.stream.StreamLocator;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/** GetShardIterator: turns an iterator type and its argument into a signed shard position. */
@Service
public class IteratorService {
    /** The position types GetShardIterator and SubscribeToShard accept. */
    public static final List<String> TYPES =
            List.of("AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "TRIM_HORIZON", "LATEST", "AT_TIMESTAMP");

    private final StreamCatalog catalog;
    private final StreamLocator locator;
    private final ShardReader reader;
    private final ShardIteratorCodec codec;
    private final Clock clock;

    IteratorService(StreamCatalog catalog, StreamLocator locator, ShardReader reader, ShardIteratorCodec codec, Clock clock) {
        this.catalog = catalog;
        this.locator = locator;
        this.reader = reader;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * @throws io.sluice.common.error.AwsException ValidationException, ResourceNotFoundException
     *     (stream or shard), InvalidArgumentException (missing or foreign sequence number, missing
     *     timestamp)
     */
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        StreamLocator.checkNames(Violations.check(), request.streamName(), request.streamArn())
                .notNull("shardId", request.shardId())
                .length("shardId", request.shardId(), 1, 128)
                .pattern("shardId", request.shardId(), StreamLocator.NAME)
                .notNull("shardIteratorType", request.shardIteratorType())
                .oneOf("shardIteratorType", request.shardIteratorType(), TYPES)
                .pattern("startingSequenceNumber", request.startingSequenceNumber(), SequenceNumber.WIRE_PATTERN)
                .raise();
        StreamKey key = locator.locate(request.streamName(), request.streamArn());
        Stream stream;
        try {
            stream = catalog.requireActive(key);
        } catch (AwsException e) {
            // As AWS: the shard of a stream that does not exist does not exist either.
            throw e.code() == ErrorCode.RESOURCE_NOT_FOUND ? Stream.shardNotFound(key, request.shardId()) : e;
        }
        Shard shard = stream.requireShard(request.shardId());
        requireSequenceNumberAsTheTypeSays(request.shardIteratorType(), request.startingSequenceNumber());
        long offset = startingOffset("GetShardIterator", stream, shard, request.shardIteratorType(), request.startingSequenceNumber(), request.timestamp());
        String iterator = codec.encode(new ShardPosition(stream.id(), shard.partition(), offset), clock.instant());
        return new GetShardIteratorResponse(iterator);
    }

    /** A sequence number exactly with the types that start at one, as GetShardIterator demands. */
    private static void requireSequenceNumberAsTheTypeSays(String type, String sequenceNumber) {
        boolean needsOne = type.equals("AT_SEQUENCE_NUMBER") || type.equals("AFTER_SEQUENCE_NUMBER");
        boolean takesNone = type.equals("TRIM_HORIZON") || type.equals("LATEST");
        if ((needsOne && sequenceNumber == null) || (takesNone && sequenceNumber != null)) {
            throw ErrorCode.INVALID_ARGUMENT.exception("Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and "
                    + "StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified %s and %s.",
                    type, needsOne ? "no StartingSequenceNumber" : "also a StartingSequenceNumber");
        }
    }

    /**
     * The offset a reader of {@code shard} starts at for a position type (a {@link #TYPES} value) and
     * its argument: what GetShardIterator and SubscribeToShard share.
     *
     * @throws io.sluice.common.error.AwsException InvalidArgumentException (missing or foreign sequence
     *     number, missing timestamp)
     */
    public long startingOffset(String operation, Stream stream, Shard shard, String type, String sequenceNumber, java.time.Instant timestamp) {
        String topic = stream.topic();
        int partition = shard.partition();
        return switch (type) {
            case "TRIM_HORIZON" -> reader.earliest(topic, partition);
            case "LATEST" -> shard.sealed() ? shard.endingOffset() : reader.latest(topic, partition);
            case "AT_TIMESTAMP" -> {
                if (timestamp == null) {
                    throw ErrorCode.INVALID_ARGUMENT.exception(
                            "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.");
                }
                yield reader.offsetAt(topic, partition, timestamp);
            }
            default -> {
                boolean after = type.equals("AFTER_SEQUENCE_NUMBER");
                SequenceNumber at = sequenceNumberIn(operation, stream, shard, type, sequenceNumber);
                long wanted = after ? at.offset() + 1 : Math.max(0, at.offset());
                if (wanted > reader.latest(topic, partition)) {
                    throw ErrorCode.INVALID_ARGUMENT.exception(
                            "StartingSequenceNumber %s used in %s on shard %s in stream %s is invalid because it did not come from this stream.",
                            sequenceNumber, operation, shard.id(), stream.key());
                }
                yield wanted;
            }
        };
    }

    private static SequenceNumber sequenceNumberIn(String operation, Stream stream, Shard shard, String type, String sequenceNumber) {
        if (sequenceNumber == null) {
            throw ErrorCode.INVALID_ARGUMENT.exception("StartingSequenceNumber must be specified for iterator of type %s.", type);
        }
        SequenceNumber number = SequenceNumber.tryDecode(sequenceNumber).orElseThrow(() -> ErrorCode.INVALID_ARGUMENT.exception(
                "StartingSequenceNumber %s used in %s on shard %s in stream %s is invalid.", sequenceNumber, operation, shard.id(), stream.key()));
        if (number.shardIndex() != shard.id().index()) {
            throw ErrorCode.INVALID_ARGUMENT.exception(
                    "Invalid StartingSequenceNumber. It encodes %s, while it was used in a call to a shard with %s",
                    new ShardId(number.shardIndex()), shard.id());
        }
        return number;
    }
}
