package io.sluice.analytics.api;

import io.sluice.analytics.application.ApplicationService;
import io.sluice.analytics.application.ListApplicationsRequest;
import io.sluice.common.protocol.AwsService;
import io.sluice.endpoint.AwsOperations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Kinesis Analytics (SQL, API version 2015-08-14) operations, each to the facade of its concept. */
@Configuration(proxyBeanMethods = false)
class AnalyticsOperations {

    @Bean
    AwsOperations awsOperations(ApplicationService applications) {
        return AwsOperations.builder(AwsService.KINESIS_ANALYTICS)
                .operation("ListApplications", ListApplicationsRequest.class, applications::list)
                .build();
    }
}
