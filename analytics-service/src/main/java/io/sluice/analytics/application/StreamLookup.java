package io.sluice.analytics.application;

import io.sluice.common.account.Caller;
import io.sluice.common.arn.StreamArn;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.kafka.directory.StreamDirectory;
import io.sluice.kafka.directory.StreamLocation;
import java.io.UncheckedIOException;
import java.util.function.Function;

/** A Kinesis stream of the caller's, by ARN, from the stream directory: for parts, discovery and jobs alike. */
public final class StreamLookup {
    private StreamLookup() {
    }

    /**
     * @param missing the error for a stream that does not exist, given the ARN
     * @throws AwsException ServiceUnavailableException when the streams service cannot be asked
     */
    public static StreamLocation locate(StreamDirectory streams, Caller caller, String arn, Function<String, AwsException> missing) {
        String name = StreamArn.parse(arn).orElseThrow(() -> missing.apply(arn)).streamName();
        try {
            return streams.locate(caller, name).orElseThrow(() -> missing.apply(arn));
        } catch (UncheckedIOException e) {
            throw new AwsException(ErrorCode.SERVICE_UNAVAILABLE_EXCEPTION, "The streams service could not be asked about " + arn + ".");
        }
    }
}
