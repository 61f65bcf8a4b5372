package io.sluice.common.crypto;

import io.sluice.common.error.ErrorCode;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master key from configuration, which wraps (AES-256-GCM, random 96-bit nonce) every data key
 * a service creates. It plays the part of the KMS key a Kinesis stream or a Firehose stream names:
 * the data keys are stored only wrapped, so the database alone does not open the records in Kafka.
 * The gateway seals the secrets of its stored access keys with it too.
 */
public class MasterKey {
    private static final int KEY_BYTES = 32;

    private final SecretKeySpec key;
    private final String property;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param configured the key, 32 bytes base64-encoded; null or blank when none is configured
     * @param property the setting it comes from, named in errors
     */
    public MasterKey(String configured, String property) {
        this.property = property;
        if (configured == null || configured.isBlank()) {
            this.key = null;
            return;
        }
        byte[] bytes = Base64.getDecoder().decode(configured.trim());
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(property + " must be 32 bytes, base64-encoded; it is " + bytes.length + " bytes");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /** Whether a key is configured. */
    public boolean configured() {
        return key != null;
    }

    /** A fresh random 256-bit data key. */
    public byte[] newDataKey() {
        byte[] dataKey = new byte[KEY_BYTES];
        random.nextBytes(dataKey);
        return dataKey;
    }

    /** @throws io.sluice.common.error.AwsException KMSNotFoundException when no master key is configured */
    public byte[] wrap(byte[] dataKey) {
        return seal(dataKey, new byte[0]);
    }

    /**
     * @throws io.sluice.common.error.AwsException KMSNotFoundException (no master key),
     *     KMSAccessDeniedException (the key was wrapped by another master key)
     */
    public byte[] unwrap(byte[] wrapped) {
        return open(wrapped, new byte[0]);
    }

    /**
     * {@code plaintext} sealed under the master key and bound to {@code context} (authenticated, not
     * stored): it opens only with the same context, so a sealed value moved to another row does not.
     *
     * @throws io.sluice.common.error.AwsException KMSNotFoundException when no master key is configured
     */
    public byte[] seal(byte[] plaintext, byte[] context) {
        byte[] nonce = new byte[Gcm.NONCE_BYTES];
        random.nextBytes(nonce);
        return Gcm.seal(require(), nonce, context, plaintext);
    }

    /**
     * What {@link #seal} sealed with the same context.
     *
     * @throws io.sluice.common.error.AwsException KMSNotFoundException (no master key),
     *     KMSAccessDeniedException (sealed by another master key, or for another context)
     */
    public byte[] open(byte[] sealed, byte[] context) {
        SecretKeySpec master = require();
        try {
            return Gcm.open(master, sealed, context);
        } catch (javax.crypto.AEADBadTagException e) {
            throw ErrorCode.KMS_ACCESS_DENIED.exception("The data key does not open with the configured master key.");
        }
    }

    private SecretKeySpec require() {
        if (key == null) {
            throw ErrorCode.KMS_NOT_FOUND.exception("No master key is configured for encryption at rest (%s).", property);
        }
        return key;
    }
}
