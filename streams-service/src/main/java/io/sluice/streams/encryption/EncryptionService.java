package io.sluice.streams.encryption;

import io.sluice.common.crypto.MasterKey;

import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.stream.StreamLocator;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * StartStreamEncryption and StopStreamEncryption. Starting gives the stream a new data key, wrapped
 * by the master key; records written from then on are sealed with it. Stopping writes new records in
 * plaintext again. Records keep the form they were written in, as in Kinesis: records sealed earlier
 * stay sealed in Kafka and readable through the API.
 */
@Service
public class EncryptionService {
    private final StreamLocator locator;
    private final StreamKeys keys;
    private final MasterKey master;

    EncryptionService(StreamLocator locator, StreamKeys keys, MasterKey master) {
        this.locator = locator;
        this.keys = keys;
        this.master = master;
    }

    /**
     * @throws io.sluice.common.error.AwsException ValidationException, InvalidArgumentException
     *     (EncryptionType NONE), ResourceNotFoundException, ResourceInUseException (not ACTIVE),
     *     KMSNotFoundException (no master key configured)
     */
    public void start(StreamEncryptionRequest request) {
        StreamKey key = check(request);
        byte[] dataKey = master.newDataKey();
        try {
            keys.start(key, request.keyId(), master.wrap(dataKey));
        } finally {
            java.util.Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** @throws io.sluice.common.error.AwsException as {@link #start} but for the master key */
    public void stop(StreamEncryptionRequest request) {
        keys.stop(check(request));
    }

    private StreamKey check(StreamEncryptionRequest request) {
        StreamLocator.checkNames(Violations.check(), request.streamName(), request.streamArn())
                .notNull("encryptionType", request.encryptionType())
                .oneOf("encryptionType", request.encryptionType(), List.of("NONE", "KMS"))
                .notNull("keyId", request.keyId())
                .length("keyId", request.keyId(), 1, 2048)
                .raise();
        if (!"KMS".equals(request.encryptionType())) {
            throw ErrorCode.INVALID_ARGUMENT.exception("EncryptionType must be KMS.");
        }
        return locator.locate(request.streamName(), request.streamArn());
    }
}
