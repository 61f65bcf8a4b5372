package io.sluice.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.sluice.common.arn.StreamArn;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.kinesis.ShardId;
import io.sluice.common.kinesis.SequenceNumber;
import io.sluice.common.protocol.AwsCodec;
import io.sluice.common.protocol.WireFormat;
import io.sluice.streams.record.PutRecordResponse;
import io.sluice.streams.record.PutRecordsResponse;
import io.sluice.streams.record.PutRecordsResultEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Kinesis endpoint that does nothing: every PutRecords is answered with a success for each of its
 * records (a response of the size Sluice's is) without storing any, every PutRecord with a success
 * (the anchor of a single call's latency: the client and one round trip), and GetRecords reads back as
 * many records of the size written as were written (all alike, each page encoded once). Measured like a target,
 * it shows what the SDK client alone costs on the cores it shares with the server: the ceiling of
 * any server on this machine, and the CPU per record the client leaves to one. It answers the
 * stream calls of the benchmark's ingest and catch-up runs (CreateStream, DescribeStream: always
 * ACTIVE, ListShards, GetShardIterator, DeleteStream) so that they drive it unchanged.
 */
public final class NoOpServer {
    static final String READY = "no-op Kinesis endpoint listening";

    private final AwsCodec codec = new AwsCodec();
    private final JsonFactory jsonFactory = new JsonFactory();
    private final CBORFactory cborFactory = new CBORFactory();
    /** PutRecords responses by wire format and record count: built once, sent many times. */
    private final Map<String, byte[]> putRecordsResponses = new ConcurrentHashMap<>();
    private final Map<WireFormat, byte[]> putRecordResponses = new ConcurrentHashMap<>();
    private final Map<String, Backlog> streams = new ConcurrentHashMap<>();
    /** GetRecords responses by iterator (its stream's name first), limit and wire format; a stream's go with it. */
    private final Map<String, byte[]> getRecordsResponses = new ConcurrentHashMap<>();
    /** GetRecords entries by record size, as many as one response holds at most: built once. */
    private final Map<Integer, List<Map<String, Object>>> records = new ConcurrentHashMap<>();

    /** A stream as the benchmark uses it: its shards, and how many records of one size were written to it. */
    private static final class Backlog {
        final int shards;
        final AtomicLong records = new AtomicLong();
        volatile int recordBytes;

        Backlog(int shards) {
            this.shards = shards;
        }

        /** Records the fill spread over the shards (the first takes the remainder). */
        long recordsOf(int shard) {
            long each = records.get() / shards;
            return shard == 0 ? records.get() - each * (shards - 1) : each;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        serve(port);
        System.out.println(READY + " on " + port);
    }

    /** Serves on {@code port} of 127.0.0.1 until closed. */
    static AutoCloseable serve(int port) throws InterruptedException {
        NoOpServer server = new NoOpServer();
        MultiThreadIoEventLoopGroup loops = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                NioIoHandler.newFactory());
        // Netty's pooled allocator, not its default (adaptive) one: from the second run of Node.js'
        // HTTP/2 posts on, the adaptive one served the HTTP/2 decoder's growing cumulation buffer
        // with a new zeroed direct buffer each time (AdaptivePoolingAllocator.allocateFallback), and
        // the anchor became the limit: 98 MB/s of bodies against 884 in the first run, and 809 and
        // 1,394 MB/s in two runs with the pooled allocator.
        Channel bound = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        HttpServerCodec http1 = new HttpServerCodec();
                        channel.pipeline().addLast(new CleartextHttp2ServerUpgradeHandler(http1,
                                        new HttpServerUpgradeHandler(http1, protocol -> null), server.http2()),
                                new HttpServerExpectContinueHandler(), new HttpObjectAggregator(16 << 20), server.new Handler());
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        return () -> {
            bound.close().sync();
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        };
    }

    /**
     * HTTP/2 with prior knowledge (h2c, as the AWS SDK for JavaScript v3 and the async Java client
     * speak it), with the windows and frame size the gateway advertises: each stream answered by a
     * handler of its own, as a connection of HTTP/1.1 is. Replaces the HTTP/1.1 handlers of a
     * connection that opens with HTTP/2's preface.
     */
    private ChannelInitializer<Channel> http2() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel connection) {
                connection.pipeline().remove(HttpServerExpectContinueHandler.class);
                connection.pipeline().remove(HttpObjectAggregator.class);
                connection.pipeline().remove(Handler.class);
                connection.pipeline().addLast(Http2FrameCodecBuilder.forServer()
                                .initialSettings(Http2Settings.defaultSettings().initialWindowSize(4 << 20).maxFrameSize(256 << 10)).build(),
                        new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                            @Override
                            protected void initChannel(Http2StreamChannel stream) {
                                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true),
                                        new HttpObjectAggregator(16 << 20), new Handler());
                            }
                        }));
            }
        };
    }

    /** Starts the server as a process of its own, so that its CPU is measured apart from the client's. */
    static ManagedProcess start(String javaBin, int port, Path work) throws IOException, InterruptedException {
        return ManagedProcess.start("no-op server", List.of(javaBin, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                NoOpServer.class.getName(), String.valueOf(port)), Map.of(), Path.of("").toAbsolutePath(),
                work.resolve("no-op-server.log"), line -> line.startsWith(READY), 0, 60);
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) throws IOException {
            WireFormat format = WireFormat.of(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
            String target = request.headers().get("X-Amz-Target", "");
            String operation = target.substring(target.indexOf('.') + 1);
            HttpResponseStatus status = HttpResponseStatus.OK;
            byte[] body;
            switch (operation) {
                case "PutRecords" -> {
                    int count = putRecords(format, new ByteBufInputStream(request.content()));
                    body = putRecordsResponses.computeIfAbsent(format + "/" + count, key -> putRecordsResponse(format, count));
                }
                case "PutRecord" -> body = putRecordResponses.computeIfAbsent(format, key -> codec.write(format,
                        new PutRecordResponse(new ShardId(0).toString(), SequenceNumber.before(0, 0).encode(), "NONE")));
                case "GetRecords" -> {
                    Map<?, ?> read = codec.read(format, new ByteBufInputStream(request.content()), Map.class);
                    // Each catch-up reads the same pages again: encoded once (megabytes each), then sent as they are.
                    body = getRecordsResponses.computeIfAbsent(read.get("ShardIterator") + " " + read.get("Limit") + " " + format,
                            key -> codec.write(format, answer(operation, read)));
                }
                case "CreateStream", "DeleteStream", "DescribeStream", "ListShards", "GetShardIterator" ->
                        body = codec.write(format, answer(operation, codec.read(format, new ByteBufInputStream(request.content()), Map.class)));
                default -> {
                    status = HttpResponseStatus.BAD_REQUEST;
                    body = codec.writeError(format, ErrorCode.UNKNOWN_OPERATION, "The no-op server answers no " + operation + ".");
                }
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, format.contentType());
            HttpUtil.setContentLength(response, body.length);
            HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
            context.writeAndFlush(response);
        }

        /** A call it cannot answer (a stream it was not told of, say) closes the connection: the run then fails at once. */
        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            System.out.println("no-op server: " + cause);
            context.close();
        }
    }

    /** The stream calls of the runs: streams are ACTIVE at once, and read back records of the size written to them. */
    private Map<String, Object> answer(String operation, Map<?, ?> request) {
        String name = String.valueOf(request.get("StreamName"));
        switch (operation) {
            case "CreateStream" -> streams.put(name, new Backlog(((Number) request.get("ShardCount")).intValue()));
            case "DeleteStream" -> {
                streams.remove(name);
                getRecordsResponses.keySet().removeIf(key -> key.startsWith(name + "/"));
            }
            case "DescribeStream" -> {
                return Map.of("StreamDescription", Map.of("StreamName", name, "StreamARN", new StreamArn("us-east-1", "000000000000", name).toString(), "StreamStatus", "ACTIVE", "Shards", List.of(), "HasMoreShards", false, "RetentionPeriodHours", 24,
                        "EnhancedMonitoring", List.of()));
            }
            case "ListShards" -> {
                return Map.of("Shards", java.util.stream.IntStream.range(0, streams.get(name).shards).mapToObj(i -> Map.of(
                        "ShardId", new ShardId(i).toString(), "HashKeyRange", Map.of("StartingHashKey", "0", "EndingHashKey", "0"),
                        "SequenceNumberRange", Map.of("StartingSequenceNumber", "0"))).toList());
            }
            case "GetShardIterator" -> {
                int shard = ShardId.parse(String.valueOf(request.get("ShardId"))).orElseThrow().index();
                return Map.of("ShardIterator", name + "/" + shard + "/0");
            }
            case "GetRecords" -> {
                String[] iterator = String.valueOf(request.get("ShardIterator")).split("/");
                Backlog backlog = streams.get(iterator[0]);
                int shard = Integer.parseInt(iterator[1]);
                long position = Long.parseLong(iterator[2]);
                int limit = request.get("Limit") == null ? 10_000 : ((Number) request.get("Limit")).intValue();
                int count = (int) Math.max(0, Math.min(limit, backlog.recordsOf(shard) - position));
                List<Map<String, Object>> entries = records.computeIfAbsent(backlog.recordBytes, NoOpServer::entries);
                return Map.of("Records", entries.subList(0, count), "MillisBehindLatest", 0,
                        "NextShardIterator", iterator[0] + "/" + shard + "/" + (position + count));
            }
            default -> throw new IllegalArgumentException(operation);
        }
        return Map.of();
    }

    /** The most records one GetRecords returns, each of {@code recordBytes}. */
    private static List<Map<String, Object>> entries(int recordBytes) {
        Map<String, Object> entry = Map.of("Data", new byte[recordBytes], "PartitionKey", "k",
                "SequenceNumber", SequenceNumber.before(0, 1).encode());
        return Collections.nCopies(10_000, entry);
    }

    /**
     * Counts the entries of a PutRecords request's {@code Records} list without decoding them, and
     * notes them, and the size of the first one's data, on its stream.
     */
    private int putRecords(WireFormat format, InputStream body) throws IOException {
        String stream = null;
        int count = 0;
        int recordBytes = 0;
        try (JsonParser parser = (format == WireFormat.CBOR ? cborFactory : jsonFactory).createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return 0;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("StreamName")) {
                    stream = parser.getText();
                } else if (name.equals("Records") && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        if (count++ == 0) {
                            recordBytes = firstDataSize(parser);
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        Backlog backlog = stream == null ? null : streams.get(stream);
        if (backlog != null) {
            backlog.recordBytes = recordBytes;
            backlog.records.addAndGet(count);
        }
        return count;
    }

    /** The size of the {@code Data} of the record object the parser is in, leaving it at the object's end. */
    private static int firstDataSize(JsonParser parser) throws IOException {
        int size = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals("Data")) {
                size = parser.getBinaryValue().length;
            } else {
                parser.skipChildren();
            }
        }
        return size;
    }

    private byte[] putRecordsResponse(WireFormat format, int records) {
        List<PutRecordsResultEntry> entries = java.util.stream.IntStream.range(0, records)
                .mapToObj(i -> new PutRecordsResultEntry(SequenceNumber.before(0, i).encode(), new ShardId(0).toString(), null, null))
                .toList();
        return codec.write(format, new PutRecordsResponse(0, entries, "NONE"));
    }
}
