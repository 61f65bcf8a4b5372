package io.sluice.streams.encryption;

import io.sluice.common.error.ErrorCode;
import io.sluice.streams.config.StreamsProperties;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The master key from configuration, which wraps (AES-256-GCM, random 96-bit nonce) every data key
 * this service creates. It plays the part of the KMS key a Kinesis stream names: the data keys are
 * stored only wrapped, so the database alone does not open the records in Kafka.
 */
@Component
class MasterKey {
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

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
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, require(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(dataKey);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * @throws io.sluice.common.error.AwsException KMSNotFoundException (no master key),
     *     KMSAccessDeniedException (the key was wrapped by another master key)
     */
    byte[] unwrap(byte[] wrapped) {
        SecretKeySpec master = require();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, master, new GCMParameterSpec(TAG_BITS, wrapped, 0, NONCE_BYTES));
            return cipher.doFinal(wrapped, NONCE_BYTES, wrapped.length - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw ErrorCode.KMS_ACCESS_DENIED.exception("The stream's data key does not open with the configured master key.");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
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
