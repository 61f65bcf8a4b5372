package io.sluice.common.protocol;

import java.util.Optional;

/**
 * The AWS services Sluice serves on the JSON 1.1 protocol, with the {@code X-Amz-Target} prefix of
 * each as its service model names it ({@code metadata.targetPrefix} in {@code shared/aws-models}).
 * The gateway routes by these prefixes and every service's endpoint checks them, so they are
 * written here once.
 */
public enum AwsService {
    KINESIS("Kinesis_20131202", "kinesis"),
    FIREHOSE("Firehose_20150804", "firehose"),
    KINESIS_ANALYTICS("KinesisAnalytics_20150814", "kinesisanalytics"),
    /**
     * The part of the Glue Data Catalog that Firehose's DataFormatConversion reads table schemas
     * from (databases and tables), served by the Firehose service.
     */
    GLUE("AWSGlue", "glue");

    private final String targetPrefix;
    private final String arnNamespace;

    AwsService(String targetPrefix, String arnNamespace) {
        this.targetPrefix = targetPrefix;
        this.arnNamespace = arnNamespace;
    }

    /** The prefix before the dot of {@code X-Amz-Target: <prefix>.<Operation>}. */
    public String targetPrefix() {
        return targetPrefix;
    }

    /** The service's name in ARNs and in SigV4 credential scopes. */
    public String arnNamespace() {
        return arnNamespace;
    }

    /** The service a target names: {@code <prefix>.<Operation>} with a non-empty operation. */
    public static Optional<AwsService> forTarget(String target) {
        if (target != null) {
            for (AwsService service : values()) {
                String prefix = service.targetPrefix;
                if (target.length() > prefix.length() + 1 && target.startsWith(prefix) && target.charAt(prefix.length()) == '.') {
                    return Optional.of(service);
                }
            }
        }
        return Optional.empty();
    }

    /** The operation part of a target of this service, if the target is one. */
    public Optional<String> operationOf(String target) {
        return forTarget(target).filter(s -> s == this).map(s -> target.substring(targetPrefix.length() + 1));
    }
}
