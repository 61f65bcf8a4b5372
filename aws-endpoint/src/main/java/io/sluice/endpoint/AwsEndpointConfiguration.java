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

    @Bean
    @ConditionalOnBean(AwsOperations.class)
    AwsEndpointController awsEndpointController(java.util.List<AwsOperations> operations, AwsCodec codec, EndpointProperties properties) {
        return new AwsEndpointController(operations, codec, properties);
    }
}
