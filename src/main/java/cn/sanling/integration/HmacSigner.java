package cn.sanling.integration;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of SPEC §8, both ways: {@code X-Sanling-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." +
 * rawBody)>} with {@code X-Sanling-Timestamp} in epoch seconds. The body is signed as the exact bytes sent, never a
 * re-serialisation, and signatures are compared in constant time.
 */
public final class HmacSigner {

    public static final String TIMESTAMP_HEADER = "X-Sanling-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Sanling-Signature";
    /** Outbound only: the stable id of a feedback message, the same on every retry, for the receiver to de-duplicate. */
    public static final String MESSAGE_ID_HEADER = "X-Sanling-Message-Id";

    private static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public HmacSigner(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The header value {@code sha256=<64 lowercase hex digits>} for this timestamp and body. */
    public String sign(String timestamp, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(timestamp, body));
    }

    /**
     * Whether {@code header} is a valid signature of this timestamp and body. Malformed headers are simply invalid;
     * the comparison takes the same time wherever the first differing byte is.
     */
    public boolean verify(String timestamp, byte[] body, String header) {
        if (header == null || timestamp == null) {
            return false;
        }
        String h = header.strip();
        if (h.length() != PREFIX.length() + 64 || !h.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(h.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(timestamp, body), given);
    }

    private byte[] mac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            mac.update(body);
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
