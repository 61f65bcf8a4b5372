package io.sluice.gateway;

import io.sluice.common.protocol.AwsService;
import java.util.Map;
import java.util.Optional;

/**
 * Which service serves a request that is not in an AWS protocol: the REST API's requests
 * ({@link #REST_PREFIX}) go to the service that owns the resource their path names, and each
 * service's OpenAPI document is at {@code /openapi/<service>}. (AWS protocol requests, {@code POST /},
 * go to the service their target names.)
 */
final class Routes {
    /** The prefix of the REST API's paths; AWS protocol requests are always {@code POST /}. */
    static final String REST_PREFIX = "/v1";
    /** Where the gateway serves the services' OpenAPI documents, each under the name of its service. */
    private static final String DOCUMENTS_PREFIX = "/openapi/";
    /** The REST API's resources, by the service that owns them. */
    private static final Map<String, AwsService> RESOURCES = Map.of(
            "streams", AwsService.KINESIS,
            "delivery-streams", AwsService.FIREHOSE,
            "schemas", AwsService.FIREHOSE,
            "applications", AwsService.KINESIS_ANALYTICS);
    /** The services' OpenAPI documents, by the name the gateway serves them under. */
    private static final Map<String, AwsService> DOCUMENTS = Map.of(
            "streams", AwsService.KINESIS, "firehose", AwsService.FIREHOSE, "analytics", AwsService.KINESIS_ANALYTICS);

    private Routes() {
    }

    /** The service that serves a REST path, if any does. */
    static Optional<AwsService> restService(String path) {
        String[] parts = path.split("/");
        return parts.length > 2 && ("/" + parts[1]).equals(REST_PREFIX) ? Optional.ofNullable(RESOURCES.get(parts[2])) : Optional.empty();
    }

    /** The service whose OpenAPI document is at {@code path}, if any is. */
    static Optional<AwsService> documentService(String path) {
        return path.startsWith(DOCUMENTS_PREFIX)
                ? Optional.ofNullable(DOCUMENTS.get(path.substring(DOCUMENTS_PREFIX.length())))
                : Optional.empty();
    }
}
