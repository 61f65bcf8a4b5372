package io.sluice.streams.encryption;

import io.sluice.common.error.ErrorCode;
import io.sluice.kafka.Gcm;
import io.sluice.streams.config.StreamsProperties;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The master key from configuration, which wraps (AES-256-GCM, random 96-bit nonce) every data key
 * this service creates. It plays the part of the KMS key a Kinesis stream names: the data keys are
 * stored only wrapped, so the database alone does not open the records in Kafka.
 */
@Component
public class MasterKey {
    private static final int KEY_BYTES = 32;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    MasterKey(StreamsProperties properties) {
        String configured = properties.encryption().masterKey();
        if (configured == null || configured.isBlank()) {
            this.key = null;
            return;
        }
        byte[] bytes = Base64.getDecoder().decode(configured.trim());
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("sluice.streams.encryption.master-key must be 32 bytes, base64-encoded; it is "
                    + bytes.length + " bytes");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /** A fresh random 256-bit data key. */
    byte[] newDataKey() {
        byte[] dataKey = new byte[KEY_BYTES];
        random.nextBytes(dataKey);
        return dataKey;
    }

    /** @throws io.sluice.common.error.AwsException KMSNotFoundException when no master key is configured */
    byte[] wrap(byte[] dataKey) {
        byte[] nonce = new byte[Gcm.NONCE_BYTES];
        random.nextBytes(nonce);
        return Gcm.seal(require(), nonce, new byte[0], dataKey);
    }

    /**
     * @throws io.sluice.common.error.AwsException KMSNotFoundException (no master key),
     *     KMSAccessDeniedException (the key was wrapped by another master key)
     */
    public byte[] unwrap(byte[] wrapped) {
        SecretKeySpec master = require();
        try {
            return Gcm.open(master, wrapped, new byte[0]);
        } catch (javax.crypto.AEADBadTagException e) {
            throw ErrorCode.KMS_ACCESS_DENIED.exception("The stream's data key does not open with the configured master key.");
        }
    }

    private SecretKeySpec require() {
        if (key == null) {
            throw ErrorCode.KMS_NOT_FOUND.exception(
                    "No master key is configured for encryption at rest (sluice.streams.encryption.master-key).");
        }
        return key;
    }
}
