package cn.sanling.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts party PII at rest with AES-256-GCM (random 96-bit IV per value, stored as base64 of IV||ciphertext)
 * and gives a keyed hash (HMAC-SHA256 under a key derived from the same secret) for exact-match search.
 */
public final class PiiCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    /**
     * One cipher object per thread, initialised afresh for every value (a new IV each time): looking up the provider
     * and expanding the AES key for every value was a quarter of the ledger export's own CPU (bench/README.md).
     */
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    });

    private final SecretKey encryptionKey;
    private final SecretKey hashKey;
    private final SecureRandom random = new SecureRandom();

    /** @param base64Key base64 of a 32-byte key */
    public PiiCipher(String base64Key) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sanling.pii.key is not valid base64");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("sanling.pii.key must be base64 of exactly 32 bytes, got " + key.length);
        }
        this.encryptionKey = new SecretKeySpec(derive(key, "sanling-pii-encrypt"), "AES");
        this.hashKey = new SecretKeySpec(derive(key, "sanling-pii-hash"), "HmacSHA256");
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = GCM.get();
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PII encryption failed", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored);
            Cipher cipher = GCM.get();
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("PII decryption failed (wrong key or tampered value)", e);
        }
    }

    /** Keyed hash of a normalised value, for exact search without decrypting; null stays null. */
    public String hash(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return HexFormat.of().formatHex(mac.doFinal(normalise(plain).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PII hashing failed", e);
        }
    }

    private static String normalise(String value) {
        return value.strip().toUpperCase(java.util.Locale.ROOT);
    }

    private static byte[] derive(byte[] key, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
