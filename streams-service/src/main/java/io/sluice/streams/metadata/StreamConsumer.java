package io.sluice.streams.metadata;

import io.sluice.common.arn.ConsumerArn;
import java.time.Instant;

/** An enhanced fan-out consumer of a stream, as the consumer API reports it. */
public record StreamConsumer(long id, StreamKey streamKey, String name, ConsumerStatus status, Instant createdAt) {

    /** Its ARN: the stream's, the name and the registration time in epoch seconds. */
    public ConsumerArn arn() {
        return new ConsumerArn(streamKey.arn(), name, createdAt.getEpochSecond());
    }
}
