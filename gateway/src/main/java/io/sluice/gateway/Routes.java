package io.sluice.gateway;

import io.sluice.common.protocol.AwsHeaders;
import io.sluice.common.protocol.AwsService;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * AWS JSON-protocol requests ({@code POST /}) go to the service their X-Amz-Target prefix names.
 * Paths under {@link #REST_PREFIX} are kept for the REST API, which routes by path instead.
 */
@Configuration(proxyBeanMethods = false)
class Routes {
    /** The prefix of the REST API's paths; AWS protocol requests are always {@code POST /}. */
    static final String REST_PREFIX = "/v1";

    @Bean
    RouteLocator awsRoutes(RouteLocatorBuilder builder, GatewaySettings settings) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (AwsService service : AwsService.values()) {
            routes.route(service.arnNamespace(), r -> r.method(HttpMethod.POST).and().path("/")
                    .and().header(AwsHeaders.TARGET, Pattern.quote(service.targetPrefix() + ".") + ".+")
                    .uri(settings.uriOf(service)));
        }
        return routes.build();
    }
}
