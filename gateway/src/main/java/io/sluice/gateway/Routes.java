package io.sluice.gateway;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** AWS JSON-protocol requests go to the service their X-Amz-Target prefix names. */
@Configuration(proxyBeanMethods = false)
class Routes {

    @Bean
    RouteLocator awsRoutes(RouteLocatorBuilder builder, GatewaySettings settings) {
        return builder.routes()
                .route("kinesis", r -> r.method(HttpMethod.POST).and().path("/")
                        .and().header("X-Amz-Target", java.util.regex.Pattern.quote(AwsTarget.KINESIS.prefix()) + ".+")
                        .uri(settings.streamsUri()))
                .build();
    }
}
