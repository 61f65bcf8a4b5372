package io.sluice.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
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
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.kinesis.SequenceNumber;
import io.sluice.common.protocol.AwsCodec;
import io.sluice.common.protocol.WireFormat;
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

/**
 * A Kinesis endpoint that does nothing: every PutRecords is answered with a success for each of its
 * records (a response of the size Sluice's is) without storing any. Measured like a target, it shows
 * what the SDK client alone costs on the cores it shares with the server: the ceiling of any server
 * on this machine, and the CPU per record the client leaves to one. It answers CreateStream,
 * DescribeStream (always ACTIVE) and DeleteStream so that the ingest runs drive it unchanged.
 */
public final class NoOpServer {
    static final String READY = "no-op Kinesis endpoint listening";

    private final AwsCodec codec = new AwsCodec();
    private final JsonFactory jsonFactory = new JsonFactory();
    private final CBORFactory cborFactory = new CBORFactory();
    /** PutRecords responses by wire format and record count: built once, sent many times. */
    private final Map<String, byte[]> putRecordsResponses = new ConcurrentHashMap<>();

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
        Channel bound = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpServerExpectContinueHandler(),
                                new HttpObjectAggregator(16 << 20), server.new Handler());
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        return () -> {
            bound.close().sync();
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
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
                    int records = countRecords(format, new ByteBufInputStream(request.content()));
                    body = putRecordsResponses.computeIfAbsent(format + "/" + records, key -> putRecordsResponse(format, records));
                }
                case "DescribeStream" -> {
                    String name = String.valueOf(codec.read(format, new ByteBufInputStream(request.content()), Map.class).get("StreamName"));
                    body = codec.write(format, Map.of("StreamDescription", Map.of("StreamName", name,
                            "StreamARN", "arn:aws:kinesis:us-east-1:000000000000:stream/" + name, "StreamStatus", "ACTIVE",
                            "Shards", List.of(), "HasMoreShards", false, "RetentionPeriodHours", 24, "EnhancedMonitoring", List.of())));
                }
                case "CreateStream", "DeleteStream" -> body = codec.write(format, Collections.emptyMap());
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
    }

    /** How many entries the request's {@code Records} list holds, read without decoding them. */
    private int countRecords(WireFormat format, InputStream body) throws IOException {
        try (JsonParser parser = (format == WireFormat.CBOR ? cborFactory : jsonFactory).createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return 0;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("Records") && value == JsonToken.START_ARRAY) {
                    int records = 0;
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        records++;
                        parser.skipChildren();
                    }
                    return records;
                }
                parser.skipChildren();
            }
            return 0;
        }
    }

    private byte[] putRecordsResponse(WireFormat format, int records) {
        List<PutRecordsResultEntry> entries = java.util.stream.IntStream.range(0, records)
                .mapToObj(i -> new PutRecordsResultEntry(SequenceNumber.before(0, i).encode(), "shardId-000000000000", null, null))
                .toList();
        return codec.write(format, new PutRecordsResponse(0, entries, "NONE"));
    }
}
