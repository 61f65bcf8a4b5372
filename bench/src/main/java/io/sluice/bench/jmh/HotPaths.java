package io.sluice.bench.jmh;

import io.sluice.common.kinesis.HashKey;
import io.sluice.common.kinesis.HashKeyRange;
import io.sluice.common.kinesis.SequenceNumber;
import io.sluice.common.protocol.AwsCodec;
import io.sluice.common.protocol.WireFormat;
import io.sluice.streams.record.GetRecordsResponse;
import io.sluice.streams.record.PutRecordsRequest;
import io.sluice.streams.record.PutRecordsRequestEntry;
import io.sluice.streams.record.RecordView;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-record work of the streams service that the profile of an ingest run shows: routing a
 * partition key to its shard, sequence-number encoding, and the CBOR and JSON codecs of a
 * 500-record PutRecords request and GetRecords response.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPaths {
    private static final int RECORDS = 500;

    @Param({"CBOR", "JSON"})
    public String format;

    private final AwsCodec codec = new AwsCodec();
    private WireFormat wire;
    private String[] keys;
    private List<HashKeyRange> shards;
    private GetRecordsResponse getRecords;
    private byte[] putRecordsBody;
    private int next;

    @Setup
    public void setUp() {
        wire = WireFormat.valueOf(format);
        Random random = new Random(42);
        keys = new String[1024];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
        }
        shards = HashKeyRange.evenSplit(4);
        byte[] data = new byte[1024];
        random.nextBytes(data);
        List<RecordView> records = new ArrayList<>();
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            records.add(new RecordView(new SequenceNumber(1, 1_000_000L + i), Instant.now(), data, keys[i], null));
            entries.add(new PutRecordsRequestEntry(data, null, keys[i]));
        }
        getRecords = new GetRecordsResponse(records, "AQAAAAAAAAABAAAAAQAAAAAAAAABAAABogfSJHoaLkCOyEZq92mEq8XZOamI", 0, null);
        putRecordsBody = codec.write(wire, new PutRecordsRequest("bench", null, entries));
    }

    @Benchmark
    public HashKeyRange routePartitionKey() {
        BigInteger hash = HashKey.ofPartitionKey(keys[next++ & 1023]);
        for (HashKeyRange range : shards) {
            if (range.contains(hash)) {
                return range;
            }
        }
        throw new IllegalStateException();
    }

    @Benchmark
    public String encodeSequenceNumber() {
        return new SequenceNumber(3, next++).encode();
    }

    @Benchmark
    public SequenceNumber decodeSequenceNumber() {
        return SequenceNumber.decode("49" + "0000000003" + "00000000000001234567" + "000000000000000000000000");
    }

    @Benchmark
    public byte[] writeGetRecordsResponse500() {
        return codec.write(wire, getRecords);
    }

    @Benchmark
    public PutRecordsRequest readPutRecordsRequest500() {
        return codec.read(wire, putRecordsBody, PutRecordsRequest.class);
    }
}
