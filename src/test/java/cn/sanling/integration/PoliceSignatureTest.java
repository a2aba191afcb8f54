package cn.sanling.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The signature of SPEC §8 matches what a vendor computes with openssl (docs/police-110.md):
 * {@code printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET"}.
 */
class PoliceSignatureTest {

    private final HmacSigner signer = new HmacSigner("demo-110-secret");

    @Test
    void signs_timestamp_dot_raw_body_like_openssl() {
        assertThat(signer.sign("1767225600", bytes("{\"alertId\":\"JJ001\"}")))
                .isEqualTo("sha256=5521f4d4d4b418f7cdc35030a65e0215c28cde87c9b0299430df0c7931d71f5f");
        // UTF-8 bytes as sent, not characters
        assertThat(signer.sign("1767225600", bytes("{\"alertId\":\"JJ001\",\"summary\":\"家暴\"}")))
                .isEqualTo("sha256=943d6a6a186aa1955761ea2d61f0bcd15fa37f0e07a0d9b9c09324a20f7a9ee9");
    }

    @Test
    void verifies_its_own_signature_in_either_hex_case_and_nothing_else() {
        byte[] body = bytes("{\"alertId\":\"JJ001\"}");
        String good = signer.sign("1767225600", body);

        assertThat(signer.verify("1767225600", body, good)).isTrue();
        assertThat(signer.verify("1767225600", body, " " + good.toUpperCase().replace("SHA256=", "sha256=") + " "))
                .isTrue();
        assertThat(signer.verify("1767225601", body, good)).isFalse();
        assertThat(signer.verify("1767225600", bytes("{\"alertId\":\"JJ002\"}"), good)).isFalse();
        assertThat(new HmacSigner("another-secret").verify("1767225600", body, good)).isFalse();
        assertThat(signer.verify("1767225600", body, null)).isFalse();
        assertThat(signer.verify(null, body, good)).isFalse();
        assertThat(signer.verify("1767225600", body, good.substring(7))).as("without sha256=").isFalse();
        assertThat(signer.verify("1767225600", body, "sha256=" + "zz".repeat(32))).isFalse();
        assertThat(signer.verify("1767225600", body, good + "00")).isFalse();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
