package com.aiceo.auth.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM for the signing keys' private parts: {@code iv(12) || ciphertext+tag}, the kid as associated data. */
final class KeyEncryption {

    static final String MISSING = "AUTH_KEY_ENCRYPTION_KEY is not set (property platform.auth.key-encryption-key): "
            + "auth-service needs the base64 of 32 random bytes (e.g. `openssl rand -base64 32`) to encrypt "
            + "its token signing keys.";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    KeyEncryption(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalStateException(MISSING);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("AUTH_KEY_ENCRYPTION_KEY is not valid base64. " + MISSING);
        }
        if (raw.length != 32) {
            throw new IllegalStateException("AUTH_KEY_ENCRYPTION_KEY must decode to 32 bytes, not " + raw.length
                    + ". " + MISSING);
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    byte[] encrypt(byte[] plain, String kid) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt signing key", e);
        }
    }

    byte[] decrypt(byte[] data, String kid) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt signing key " + kid
                    + ": is AUTH_KEY_ENCRYPTION_KEY the key it was encrypted with?", e);
        }
    }
}
