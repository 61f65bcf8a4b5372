package io.sluice.gateway;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Cleartext HTTP/2 by upgrade: Reactor Netty refuses an h2c upgrade request that has a body unless
 * told how large it may be, and every AWS request is a POST with a body.
 */
@Configuration(proxyBeanMethods = false)
class Http2Configuration {

    @Bean
    NettyServerCustomizer h2cUpgradeWithBody(GatewaySettings settings) {
        int max = (int) Math.min(Integer.MAX_VALUE, settings.maxRequestSize().toBytes());
        return server -> server.httpRequestDecoder(spec -> spec.h2cMaxContentLength(max));
    }
}
