package io.sluice.analytics.application;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.analytics.application.Shapes.CloudWatchLoggingOption;
import io.sluice.analytics.application.Shapes.CloudWatchLoggingOptionDescription;
import io.sluice.analytics.application.Shapes.CloudWatchLoggingOptionUpdate;
import io.sluice.analytics.application.Shapes.Input;
import io.sluice.analytics.application.Shapes.InputDescription;
import io.sluice.analytics.application.Shapes.InputProcessingConfiguration;
import io.sluice.analytics.application.Shapes.InputUpdate;
import io.sluice.analytics.application.Shapes.Output;
import io.sluice.analytics.application.Shapes.OutputDescription;
import io.sluice.analytics.application.Shapes.OutputUpdate;
import io.sluice.analytics.application.Shapes.ReferenceDataSource;
import io.sluice.analytics.application.Shapes.ReferenceDataSourceDescription;
import io.sluice.analytics.application.Shapes.ReferenceDataSourceUpdate;
import io.sluice.analytics.application.Shapes.Tag;
import java.time.Instant;
import java.util.List;

/** The requests and responses of the application operations, in the model's member names. */
public final class ApplicationRequests {
    private ApplicationRequests() {
    }

    public record CreateApplicationRequest(@JsonProperty("ApplicationName") String applicationName,
            @JsonProperty("ApplicationDescription") String applicationDescription,
            @JsonProperty("Inputs") List<Input> inputs,
            @JsonProperty("Outputs") List<Output> outputs,
            @JsonProperty("CloudWatchLoggingOptions") List<CloudWatchLoggingOption> cloudWatchLoggingOptions,
            @JsonProperty("ApplicationCode") String applicationCode,
            @JsonProperty("Tags") List<Tag> tags) {
    }

    public record CreateApplicationResponse(@JsonProperty("ApplicationSummary") ListApplicationsResponse.ApplicationSummary summary) {
    }

    /** DescribeApplication, StopApplication. */
    public record ApplicationNameRequest(@JsonProperty("ApplicationName") String applicationName) {
    }

    public record DeleteApplicationRequest(@JsonProperty("ApplicationName") String applicationName,
            @JsonProperty("CreateTimestamp") Instant createTimestamp) {
    }

    /**
     * Every operation that changes one part at the current version: AddApplicationInput (Input),
     * AddApplicationOutput (Output), AddApplicationReferenceDataSource (ReferenceDataSource),
     * AddApplicationCloudWatchLoggingOption (CloudWatchLoggingOption),
     * Add/DeleteApplicationInputProcessingConfiguration (InputId, InputProcessingConfiguration),
     * DeleteApplicationOutput (OutputId), DeleteApplicationReferenceDataSource (ReferenceId),
     * DeleteApplicationCloudWatchLoggingOption (CloudWatchLoggingOptionId).
     */
    public record ChangeRequest(@JsonProperty("ApplicationName") String applicationName,
            @JsonProperty("CurrentApplicationVersionId") Long currentApplicationVersionId,
            @JsonProperty("Input") Input input,
            @JsonProperty("Output") Output output,
            @JsonProperty("ReferenceDataSource") ReferenceDataSource referenceDataSource,
            @JsonProperty("CloudWatchLoggingOption") CloudWatchLoggingOption cloudWatchLoggingOption,
            @JsonProperty("InputId") String inputId,
            @JsonProperty("InputProcessingConfiguration") InputProcessingConfiguration inputProcessingConfiguration,
            @JsonProperty("OutputId") String outputId,
            @JsonProperty("ReferenceId") String referenceId,
            @JsonProperty("CloudWatchLoggingOptionId") String cloudWatchLoggingOptionId) {
    }

    public record UpdateApplicationRequest(@JsonProperty("ApplicationName") String applicationName,
            @JsonProperty("CurrentApplicationVersionId") Long currentApplicationVersionId,
            @JsonProperty("ApplicationUpdate") ApplicationUpdate applicationUpdate) {
    }

    public record ApplicationUpdate(@JsonProperty("InputUpdates") List<InputUpdate> inputUpdates,
            @JsonProperty("ApplicationCodeUpdate") String applicationCodeUpdate,
            @JsonProperty("OutputUpdates") List<OutputUpdate> outputUpdates,
            @JsonProperty("ReferenceDataSourceUpdates") List<ReferenceDataSourceUpdate> referenceDataSourceUpdates,
            @JsonProperty("CloudWatchLoggingOptionUpdates") List<CloudWatchLoggingOptionUpdate> cloudWatchLoggingOptionUpdates) {
    }

    public record DescribeApplicationResponse(@JsonProperty("ApplicationDetail") ApplicationDetail applicationDetail) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApplicationDetail(@JsonProperty("ApplicationName") String applicationName,
            @JsonProperty("ApplicationDescription") String applicationDescription,
            @JsonProperty("ApplicationARN") String applicationArn,
            @JsonProperty("ApplicationStatus") String applicationStatus,
            @JsonProperty("CreateTimestamp") Instant createTimestamp,
            @JsonProperty("LastUpdateTimestamp") Instant lastUpdateTimestamp,
            @JsonProperty("InputDescriptions") List<InputDescription> inputDescriptions,
            @JsonProperty("OutputDescriptions") List<OutputDescription> outputDescriptions,
            @JsonProperty("ReferenceDataSourceDescriptions") List<ReferenceDataSourceDescription> referenceDataSourceDescriptions,
            @JsonProperty("CloudWatchLoggingOptionDescriptions") List<CloudWatchLoggingOptionDescription> cloudWatchLoggingOptionDescriptions,
            @JsonProperty("ApplicationCode") String applicationCode,
            @JsonProperty("ApplicationVersionId") long applicationVersionId) {

        static ApplicationDetail of(Application application) {
            Application.Configuration parts = application.configuration();
            return new ApplicationDetail(application.name(), application.description(), application.arn().toString(), application.status(),
                    application.createdAt(), application.updatedAt(), parts.inputs(), parts.outputs(), parts.references(), parts.logging(),
                    application.code(), application.versionId());
        }
    }

    public record TagResourceRequest(@JsonProperty("ResourceARN") String resourceArn, @JsonProperty("Tags") List<Tag> tags,
            @JsonProperty("TagKeys") List<String> tagKeys) {
    }

    public record ListTagsForResourceResponse(@JsonProperty("Tags") List<Tag> tags) {
    }
}
