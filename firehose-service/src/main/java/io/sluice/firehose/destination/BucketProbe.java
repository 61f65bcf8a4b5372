package io.sluice.firehose.destination;

import java.io.IOException;

/** Whether a destination's bucket exists, asked of the S3 API before a delivery stream turns ACTIVE. */
public interface BucketProbe {

    /** @throws IOException when the S3 endpoint cannot be asked (worth retrying) */
    boolean exists(String bucket) throws IOException;
}
