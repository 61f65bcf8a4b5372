package io.sluice.analytics.application;

import io.sluice.common.account.Caller;
import io.sluice.common.arn.DeliveryStreamArn;
import io.sluice.common.arn.StreamArn;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.kafka.directory.DeliveryStreamDirectory;
import io.sluice.kafka.directory.StreamDirectory;
import io.sluice.kafka.directory.StreamLocation;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * A Kinesis stream or a Firehose delivery stream of the caller's, by ARN, from its service's
 * directory: for parts, discovery and jobs alike.
 */
public final class StreamLookup {
    private StreamLookup() {
    }

    /**
     * @param missing the error for a stream that does not exist, given the ARN
     * @throws AwsException ServiceUnavailableException when the streams service cannot be asked
     */
    public static StreamLocation locate(StreamDirectory streams, Caller caller, String arn, Function<String, AwsException> missing) {
        String name = StreamArn.parse(arn).orElseThrow(() -> missing.apply(arn)).streamName();
        return lookUp(() -> streams.locate(caller, name), "streams", arn, missing);
    }

    /**
     * A DirectPut delivery stream, as a stream of its topic's partitions.
     *
     * @param missing the error for a delivery stream that does not exist (or is not DirectPut), given the ARN
     * @throws AwsException ServiceUnavailableException when the Firehose service cannot be asked
     */
    public static StreamLocation locate(DeliveryStreamDirectory deliveryStreams, Caller caller, String arn,
            Function<String, AwsException> missing) {
        String name = DeliveryStreamArn.parse(arn).orElseThrow(() -> missing.apply(arn)).deliveryStreamName();
        return lookUp(() -> deliveryStreams.locate(caller, name), "Firehose", arn, missing);
    }

    /** A directory's answer; a directory that cannot be asked is ServiceUnavailableException. */
    private static StreamLocation lookUp(java.util.function.Supplier<java.util.Optional<StreamLocation>> directory, String service, String arn,
            Function<String, AwsException> missing) {
        try {
            return directory.get().orElseThrow(() -> missing.apply(arn));
        } catch (UncheckedIOException e) {
            throw new AwsException(ErrorCode.SERVICE_UNAVAILABLE_EXCEPTION, "The " + service + " service could not be asked about " + arn + ".");
        }
    }
}
