package io.sluice.analytics.api;

import io.sluice.analytics.application.ApplicationChanges;
import io.sluice.analytics.application.ApplicationRequests.ApplicationNameRequest;
import io.sluice.analytics.application.ApplicationRequests.ChangeRequest;
import io.sluice.analytics.application.ApplicationRequests.CreateApplicationRequest;
import io.sluice.analytics.application.ApplicationRequests.DeleteApplicationRequest;
import io.sluice.analytics.application.ApplicationRequests.TagResourceRequest;
import io.sluice.analytics.application.ApplicationRequests.UpdateApplicationRequest;
import io.sluice.analytics.application.ApplicationService;
import io.sluice.analytics.application.ApplicationTags;
import io.sluice.analytics.application.ApplicationUpdates;
import io.sluice.analytics.application.ListApplicationsRequest;
import io.sluice.analytics.discovery.SchemaDiscovery;
import io.sluice.analytics.engine.ApplicationRunner;
import io.sluice.common.protocol.AwsService;
import io.sluice.endpoint.AwsOperations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Kinesis Analytics (SQL, API version 2015-08-14) operations, each to the facade of its concept. */
@Configuration(proxyBeanMethods = false)
class AnalyticsOperations {

    @Bean
    AwsOperations awsOperations(ApplicationService applications, ApplicationChanges changes, ApplicationUpdates updates,
            ApplicationTags tags, SchemaDiscovery discovery, ApplicationRunner runner) {
        return AwsOperations.builder(AwsService.KINESIS_ANALYTICS)
                .operation("CreateApplication", CreateApplicationRequest.class, applications::create)
                .operation("DescribeApplication", ApplicationNameRequest.class, applications::describe)
                .operation("ListApplications", ListApplicationsRequest.class, applications::list)
                .action("DeleteApplication", DeleteApplicationRequest.class, applications::delete)
                .action("UpdateApplication", UpdateApplicationRequest.class, updates::update)
                .action("AddApplicationInput", ChangeRequest.class, changes::addInput)
                .action("AddApplicationOutput", ChangeRequest.class, changes::addOutput)
                .action("DeleteApplicationOutput", ChangeRequest.class, changes::deleteOutput)
                .action("AddApplicationReferenceDataSource", ChangeRequest.class, changes::addReferenceDataSource)
                .action("DeleteApplicationReferenceDataSource", ChangeRequest.class, changes::deleteReferenceDataSource)
                .action("AddApplicationInputProcessingConfiguration", ChangeRequest.class, changes::addInputProcessingConfiguration)
                .action("DeleteApplicationInputProcessingConfiguration", ChangeRequest.class, changes::deleteInputProcessingConfiguration)
                .action("AddApplicationCloudWatchLoggingOption", ChangeRequest.class, changes::addCloudWatchLoggingOption)
                .action("DeleteApplicationCloudWatchLoggingOption", ChangeRequest.class, changes::deleteCloudWatchLoggingOption)
                .action("TagResource", TagResourceRequest.class, tags::tag)
                .action("UntagResource", TagResourceRequest.class, tags::untag)
                .operation("ListTagsForResource", TagResourceRequest.class, tags::list)
                .action("StartApplication", ApplicationRunner.StartApplicationRequest.class, runner::start)
                .action("StopApplication", ApplicationRunner.StopApplicationRequest.class, runner::stop)
                .operation("DiscoverInputSchema", SchemaDiscovery.DiscoverInputSchemaRequest.class, discovery::discover)
                .build();
    }
}
