package io.sluice.gateway;

import io.sluice.common.protocol.AwsService;
import java.util.Map;
import java.util.Optional;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The REST API's requests ({@link #REST_PREFIX}) go to the service that owns the resource their path
 * names; each service's OpenAPI document is at {@code /openapi/<service>}. (AWS protocol requests,
 * {@code POST /}, never reach these routes: {@link RequestGuard} hands them to {@link ServiceProxy}.)
 */
@Configuration(proxyBeanMethods = false)
class Routes {
    /** The prefix of the REST API's paths; AWS protocol requests are always {@code POST /}. */
    static final String REST_PREFIX = "/v1";
    /** The REST API's resources, by the service that owns them. */
    private static final Map<String, AwsService> RESOURCES = Map.of(
            "streams", AwsService.KINESIS,
            "delivery-streams", AwsService.FIREHOSE,
            "schemas", AwsService.FIREHOSE,
            "applications", AwsService.KINESIS_ANALYTICS);
    /** The services' OpenAPI documents, by the name the gateway serves them under. */
    static final Map<String, AwsService> DOCUMENTS = Map.of(
            "streams", AwsService.KINESIS, "firehose", AwsService.FIREHOSE, "analytics", AwsService.KINESIS_ANALYTICS);

    /** The service that serves a REST path, if any does. */
    static Optional<AwsService> restService(String path) {
        String[] parts = path.split("/");
        return parts.length > 2 && ("/" + parts[1]).equals(REST_PREFIX) ? Optional.ofNullable(RESOURCES.get(parts[2])) : Optional.empty();
    }

    @Bean
    RouteLocator restRoutes(RouteLocatorBuilder builder, GatewaySettings settings) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        RESOURCES.forEach((resource, service) -> routes.route("rest-" + resource,
                r -> r.path(REST_PREFIX + "/" + resource, REST_PREFIX + "/" + resource + "/**").uri(settings.uriOf(service))));
        DOCUMENTS.forEach((name, service) -> routes.route("openapi-" + name,
                r -> r.method(HttpMethod.GET).and().path("/openapi/" + name).filters(f -> f.setPath("/v3/api-docs")).uri(settings.uriOf(service))));
        return routes.build();
    }
}
