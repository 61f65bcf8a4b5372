package io.sluice.analytics.config;

import io.sluice.analytics.flink.FlinkCluster;
import io.sluice.analytics.flink.FlinkSql;
import io.sluice.common.account.Caller;
import io.sluice.endpoint.CallerScope;
import io.sluice.kafka.directory.DeliveryStreamDirectory;
import io.sluice.kafka.directory.HttpStreamDirectory;
import io.sluice.kafka.directory.StreamDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of what the Analytics concepts share: the caller, the directories of streams and delivery streams, Flink. */
@Configuration(proxyBeanMethods = false)
public class AnalyticsConfiguration {

    /** Every request is served as the configured account and region until access keys map to accounts. */
    @Bean
    CallerScope callerScope(AnalyticsProperties properties) {
        return new CallerScope(new Caller(properties.accountId(), properties.region()));
    }

    /** What Kinesis Analytics requests act on, for authorization: an application. */
    @Bean
    io.sluice.endpoint.access.RequestResources requestResources() {
        return new io.sluice.endpoint.access.RequestResources(java.util.List.of("ResourceARN"),
                java.util.Map.of("ApplicationName", "kinesisanalytics:application"));
    }

    @Bean
    StreamDirectory streamDirectory(AnalyticsProperties properties) {
        return new HttpStreamDirectory(properties.streamsUri());
    }

    @Bean
    DeliveryStreamDirectory deliveryStreamDirectory(AnalyticsProperties properties) {
        return DeliveryStreamDirectory.over(properties.firehoseUri());
    }

    /**
     * SQL on the Flink cluster: the launcher's MiniCluster (a {@link FlinkCluster} bean it hands
     * over), else the session cluster at {@code sluice.analytics.flink.rest-url}.
     */
    @Bean
    FlinkSql flinkSql(ObjectProvider<FlinkCluster> handedOver, AnalyticsProperties properties) {
        return new FlinkSql(clusterOf(handedOver, properties), properties.jobBootstrapServers());
    }

    /** The Flink cluster handed over by the launcher, else the session cluster at {@code sluice.analytics.flink.rest-url}. */
    public static FlinkCluster clusterOf(ObjectProvider<FlinkCluster> handedOver, AnalyticsProperties properties) {
        return handedOver.getIfAvailable(() -> () -> {
            if (properties.flink().restUrl() == null) {
                throw new IllegalStateException("No Flink cluster: set sluice.analytics.flink.rest-url");
            }
            return properties.flink().restUrl();
        });
    }
}
