package io.sluice.endpoint;

import io.sluice.common.protocol.AwsCodec;
import io.sluice.common.protocol.Paging;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Gives a servlet service that declares an {@link AwsOperations} bean its AWS endpoint: the codec
 * and the controller. Auto-configured, so that a service only lists its operations.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(EndpointProperties.class)
public class AwsEndpointConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AwsCodec awsCodec(EndpointProperties properties) {
        return new AwsCodec(properties.maxNestingDepth());
    }

    /** The service's clock: tokens, iterators and timestamps read it, and tests replace it with one they move. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** List operations page with it; the service's clock ages the tokens. */
    @Bean
    @ConditionalOnMissingBean
    Paging paging(ObjectProvider<Clock> clock) {
        return new Paging(clock.getIfAvailable(Clock::systemUTC));
    }

    /** The REST API's bodies, in the AWS JSON shapes. */
    @Bean
    @ConditionalOnMissingBean
    io.sluice.endpoint.rest.RestBodies restBodies(AwsCodec codec, EndpointProperties properties,
            ObjectProvider<io.sluice.endpoint.access.AccessControl> access) {
        return new io.sluice.endpoint.rest.RestBodies(codec, properties.maxRequestSize().toBytes(), access.getIfAvailable());
    }

    /** The REST API's OpenAPI document: served through the gateway, so its server is the document's own origin. */
    @Bean
    @ConditionalOnMissingBean
    io.swagger.v3.oas.models.OpenAPI restApiDocument(org.springframework.core.env.Environment environment) {
        String service = environment.getProperty("spring.application.name", "sluice");
        return new io.swagger.v3.oas.models.OpenAPI()
                .info(new io.swagger.v3.oas.models.info.Info().title("Sluice " + service + " REST API").version("v1")
                        .description("Resources of the AWS API, beside it: bodies are the AWS JSON shapes, errors RFC 9457 problem "
                                + "details whose title is the AWS error name."))
                .servers(java.util.List.of(new io.swagger.v3.oas.models.servers.Server().url("/")));
    }

    /** The REST API's live tails: bounded, and ended as the service begins to stop. */
    @Bean
    io.sluice.endpoint.rest.RestTails restTails() {
        return new io.sluice.endpoint.rest.RestTails();
    }

    /** REST requests authorized as the AWS operations their handlers name ({@link io.sluice.endpoint.rest.RestAction}). */
    @Bean
    @ConditionalOnBean(CallerScope.class)
    org.springframework.web.servlet.config.annotation.WebMvcConfigurer restAuthorization(io.sluice.endpoint.access.AccessControl access,
            CallerScope callers) {
        io.sluice.endpoint.rest.RestAuthorization authorization = new io.sluice.endpoint.rest.RestAuthorization(access, callers);
        return new org.springframework.web.servlet.config.annotation.WebMvcConfigurer() {
            @Override
            public void addInterceptors(org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
                registry.addInterceptor(authorization).addPathPatterns(io.sluice.endpoint.rest.RestApi.PREFIX + "/**");
            }
        };
    }

    @Bean
    io.sluice.endpoint.rest.RestProblems restProblems() {
        return new io.sluice.endpoint.rest.RestProblems();
    }

    @Bean
    io.sluice.endpoint.rest.RestRequestIds restRequestIds() {
        return new io.sluice.endpoint.rest.RestRequestIds();
    }

    /**
     * Authorization of the requests the gateway authenticated, against the service's resource
     * policies (if it keeps any) and the resources its requests name (by default none: {@code "*"}).
     */
    @Bean
    @ConditionalOnBean(CallerScope.class)
    io.sluice.endpoint.access.AccessControl accessControl(CallerScope callers,
            ObjectProvider<io.sluice.endpoint.access.ResourcePolicies> policies, ObjectProvider<io.sluice.endpoint.access.RequestResources> resources) {
        return new io.sluice.endpoint.access.AccessControl(callers, policies.getIfAvailable(() -> arn -> java.util.Optional.empty()),
                resources.getIfAvailable(() -> new io.sluice.endpoint.access.RequestResources(java.util.List.of(), java.util.Map.of())));
    }

    @Bean
    @ConditionalOnBean(AwsOperations.class)
    AwsEndpointController awsEndpointController(java.util.List<AwsOperations> operations, AwsCodec codec, EndpointProperties properties,
            io.sluice.endpoint.access.AccessControl access) {
        return new AwsEndpointController(operations, codec, properties, access);
    }
}
