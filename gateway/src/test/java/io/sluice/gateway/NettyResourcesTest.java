package io.sluice.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.http.client.HttpClient;

class NettyResourcesTest {

    /** The proxy's client and the server share loops: a proxied request does not cross to Reactor Netty's global ones. */
    @Test
    void proxyClientRunsOnTheServersLoops() {
        NettyResources resources = new NettyResources();
        ReactorResourceFactory factory = resources.reactorResourceFactory();
        factory.afterPropertiesSet();
        ServiceProxy proxy = resources.serviceProxy(ServiceProxyTest.settings("http://127.0.0.1:1"), factory, new StreamingResponses());
        try {
            assertThat(proxy.client().configuration().loopResources()).isSameAs(factory.getLoopResources());
            assertThat(HttpClient.create().configuration().loopResources()).isNotSameAs(factory.getLoopResources());
        } finally {
            proxy.destroy();
            factory.destroy();
        }
    }
}
