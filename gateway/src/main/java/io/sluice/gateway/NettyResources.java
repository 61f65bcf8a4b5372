package io.sluice.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.http.Http2SettingsSpec;

/**
 * The gateway's server runs on event loops of its own rather than Reactor Netty's global ones:
 * closing this application (or another one in the same process, as the local launcher and the
 * tests run several) then never disposes of loops that a running server still needs. A request
 * whose body stops arriving is answered 408 and its connection closed after the read timeout.
 */
@Configuration(proxyBeanMethods = false)
class NettyResources {

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }

    /**
     * HTTP/2 windows and frames sized for AWS request bodies (PutRecords up to 5 MiB): with the
     * protocol's 64 KiB stream and connection windows a client sends 64 KiB, then waits a round trip
     * for the window to reopen, and 16 KiB frames cross the server's pipeline one by one. A stream
     * may have {@link #STREAM_WINDOW} in flight; Netty widens the connection window to match.
     */
    static final int STREAM_WINDOW = 4 << 20;
    /** The largest HTTP/2 frame a client may send. */
    static final int MAX_FRAME = 256 << 10;

    /**
     * Added last, after Spring Boot's own customizer has set the header list size: Reactor Netty
     * replaces the whole HTTP/2 settings at each call, so these keep what was set before them.
     */
    @Bean
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE)
    org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory>
            http2Windows() {
        return factory -> factory.addServerCustomizers(server -> {
            Http2SettingsSpec before = server.configuration().http2SettingsSpec();
            return server.http2Settings(settings -> {
                if (before != null && before.maxHeaderListSize() != null) {
                    settings.maxHeaderListSize(before.maxHeaderListSize());
                }
                if (before != null && before.maxConcurrentStreams() != null) {
                    settings.maxConcurrentStreams(before.maxConcurrentStreams());
                }
                settings.initialWindowSize(STREAM_WINDOW).maxFrameSize(MAX_FRAME);
            });
        });
    }

    /**
     * The proxy's client runs on the server's event loops, colocated: a connection to a service is
     * opened on the loop of the request that needed it, so a proxied request and its answer stay on
     * one thread instead of crossing to Reactor Netty's global client loops and back (two thread
     * hand-offs, each a wake-up, per request).
     */
    @Bean
    ServiceProxy serviceProxy(GatewaySettings settings, ReactorResourceFactory factory, StreamingResponses streaming) {
        return new ServiceProxy(settings, factory.getLoopResources(), streaming);
    }

    /** A client that stops sending mid-request (slowloris) holds a connection for the read timeout at most. */
    @Bean
    org.springframework.boot.reactor.netty.NettyServerCustomizer readTimeout(GatewaySettings settings) {
        return server -> server.readTimeout(settings.readTimeout());
    }
}
