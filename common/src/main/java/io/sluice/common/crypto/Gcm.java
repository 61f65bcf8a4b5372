package io.sluice.common.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM as Sluice stores it (sealed records, wrapped data keys): the 96-bit nonce, then the ciphertext and its 128-bit tag.
 * One cipher per thread: records are sealed and opened on request threads.
 */
public final class Gcm {
    public static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    private Gcm() {
    }

    /** {@code nonce} (12 bytes, never reused with {@code key}) followed by the sealed {@code plaintext}. */
    public static byte[] seal(SecretKey key, byte[] nonce, byte[] aad, byte[] plaintext) {
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /** The plaintext of what {@link #seal} produced. @throws AEADBadTagException when it does not authenticate */
    public static byte[] open(SecretKey key, byte[] sealed, byte[] aad) throws AEADBadTagException {
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM opening failed", e);
        }
    }
}
