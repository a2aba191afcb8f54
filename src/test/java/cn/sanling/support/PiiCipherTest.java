package cn.sanling.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class PiiCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private final PiiCipher cipher = new PiiCipher(KEY);

    @Test
    void encryption_round_trips_and_is_randomised() {
        String a = cipher.encrypt("张三");
        String b = cipher.encrypt("张三");
        assertThat(a).isNotEqualTo(b).doesNotContain("张三");
        assertThat(cipher.decrypt(a)).isEqualTo("张三");
    }

    @Test
    void keyed_hash_is_stable_and_normalised_but_key_dependent() {
        assertThat(cipher.hash("11010519491231002x")).isEqualTo(cipher.hash(" 11010519491231002X"));
        String otherKey = Base64.getEncoder().encodeToString("another-key-of-32-bytes-length!!".getBytes());
        assertThat(new PiiCipher(otherKey).hash("张三")).isNotEqualTo(cipher.hash("张三"));
    }

    @Test
    void tampered_ciphertext_is_refused() {
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt("13812345678"));
        raw[raw.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(Base64.getEncoder().encodeToString(raw)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void key_must_be_32_bytes() {
        assertThatThrownBy(() -> new PiiCipher(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
    }
}
