package io.sluice.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

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

    /** A client that stops sending mid-request (slowloris) holds a connection for the read timeout at most. */
    @Bean
    org.springframework.boot.reactor.netty.NettyServerCustomizer readTimeout(GatewaySettings settings) {
        return server -> server.readTimeout(settings.readTimeout());
    }
}
