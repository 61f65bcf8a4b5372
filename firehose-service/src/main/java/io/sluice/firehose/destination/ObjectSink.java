package io.sluice.firehose.destination;

import java.io.IOException;
import java.nio.file.Path;

/** Where delivered objects are written: an S3 API. Writing a key again replaces the object. */
public interface ObjectSink {

    /**
     * Writes the file as the object {@code key} of {@code bucket}.
     *
     * @throws IOException when the object was not written (it may be tried again)
     */
    void put(String bucket, String key, Path file, String contentType) throws IOException;
}
