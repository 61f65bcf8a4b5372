package io.sluice.streams.api;

import io.sluice.common.error.ErrorCode;
import io.sluice.common.protocol.AwsCodec;
import io.sluice.common.protocol.EventStreamMessage;
import io.sluice.common.protocol.WireFormat;
import io.sluice.endpoint.AwsExchange;
import io.sluice.streams.subscription.ShardSubscription;
import io.sluice.streams.subscription.SubscribeToShardEvent;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTP response of a SubscribeToShard call: an AWS event stream, written as the subscription
 * produces events, on an asynchronous request so that no request thread waits out the 5 minutes.
 * The first message is the {@code initial-response} event the SDKs expect; each event is flushed
 * as it is written. Payloads use the encoding of the request (CBOR or JSON).
 */
final class EventStreamResponse implements ShardSubscription.Sink {
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final String EVENT_TYPE = "SubscribeToShardEvent";

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final WireFormat format;
    private final AwsCodec codec;
    private boolean done;

    private EventStreamResponse(AsyncContext async, ServletOutputStream out, WireFormat format, AwsCodec codec) {
        this.async = async;
        this.out = out;
        this.format = format;
        this.codec = codec;
    }

    /** Answers 200 with the initial-response event and starts {@code subscription} on this response. */
    static void start(AwsExchange exchange, ShardSubscription subscription, Duration lasts) throws IOException {
        HttpServletResponse response = exchange.response();
        WireFormat format = exchange.format();
        AwsCodec codec = exchange.codec();
        AsyncContext async = exchange.request().startAsync();
        async.setTimeout(lasts.plus(GRACE).toMillis());
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(EventStreamMessage.CONTENT_TYPE);
        EventStreamResponse stream = new EventStreamResponse(async, response.getOutputStream(), format, codec);
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                subscription.cancel();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                subscription.cancel();
                stream.end();
            }

            @Override
            public void onError(AsyncEvent event) {
                subscription.cancel();
                stream.end();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        try {
            stream.write(EventStreamMessage.event("initial-response", format, codec.write(format, Map.of())));
        } catch (IOException e) {
            subscription.cancel();
            stream.end();
            throw e;
        }
        subscription.start(stream);
    }

    @Override
    public void send(SubscribeToShardEvent event) throws IOException {
        write(EventStreamMessage.event(EVENT_TYPE, format, codec.write(format, event)));
    }

    @Override
    public synchronized void fail(ErrorCode code, String message) {
        try {
            write(EventStreamMessage.exception(code.wireName(), format, codec.write(format, Map.of("message", message))));
        } catch (IOException e) {
            // The client is gone; nothing more to tell it.
        } finally {
            end();
        }
    }

    @Override
    public synchronized void end() {
        if (!done) {
            done = true;
            try {
                async.complete();
            } catch (IllegalStateException e) {
                // Already completed by the container (client gone, timeout).
            }
        }
    }

    private synchronized void write(EventStreamMessage message) throws IOException {
        if (done) {
            throw new IOException("The event stream has ended");
        }
        out.write(message.encode());
        out.flush();
    }
}
