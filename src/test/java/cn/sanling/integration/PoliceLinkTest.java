package cn.sanling.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** How the 110 secret is treated at start-up, after cn.sanling.support.Secrets; and the feedback settings' rules. */
class PoliceLinkTest {

    private static final URI CALLBACK = URI.create("https://110.example.gov.cn/feedback");

    @Test
    void the_embedded_default_falls_back_to_the_demo_secret() {
        PoliceLink link = PoliceLink.resolve(props(null, CALLBACK), true);

        assertThat(link.secret()).isEqualTo("demo-110-secret");
        assertThat(link.receivesAlerts()).isTrue();
        assertThat(link.sendsFeedback()).isTrue();
    }

    @Test
    void elsewhere_a_missing_secret_disables_the_link_instead_of_refusing_to_start() {
        PoliceLink link = PoliceLink.resolve(props("  ", CALLBACK), false);

        assertThat(link.receivesAlerts()).isFalse();
        assertThat(link.sendsFeedback()).isFalse();
        assertThat(link.toString()).doesNotContain("demo-110-secret");
    }

    @Test
    void elsewhere_the_demo_secret_or_a_short_one_refuses_start_up() {
        assertThatThrownBy(() -> PoliceLink.resolve(props("demo-110-secret", CALLBACK), false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("demo");
        assertThatThrownBy(() -> PoliceLink.resolve(props("short-secret", CALLBACK), false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("16 bytes");
    }

    @Test
    void a_real_secret_without_callback_takes_alerts_and_only_queues_feedback() {
        PoliceLink link = PoliceLink.resolve(props("a-real-secret-of-the-county-110", null), false);

        assertThat(link.receivesAlerts()).isTrue();
        assertThat(link.sendsFeedback()).isFalse();
        assertThat(link.toString()).doesNotContain("a-real-secret");
    }

    @Test
    void retries_back_off_exponentially_up_to_the_maximum() {
        PoliceProperties.Feedback f = feedback(Duration.ofSeconds(15), 2.0, Duration.ofHours(1), 20);

        assertThat(f.retryDelay(1)).isEqualTo(Duration.ofSeconds(15));
        assertThat(f.retryDelay(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(f.retryDelay(3)).isEqualTo(Duration.ofSeconds(60));
        assertThat(f.retryDelay(8)).isEqualTo(Duration.ofSeconds(1920));
        assertThat(f.retryDelay(9)).isEqualTo(Duration.ofHours(1));
        assertThat(f.retryDelay(500)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void nonsensical_settings_refuse_start_up() {
        assertThatThrownBy(() -> feedback(Duration.ZERO, 2.0, Duration.ofHours(1), 20))
                .hasMessageContaining("first-retry");
        assertThatThrownBy(() -> feedback(Duration.ofSeconds(15), 0.5, Duration.ofHours(1), 20))
                .hasMessageContaining("backoff-multiplier");
        assertThatThrownBy(() -> feedback(Duration.ofSeconds(15), 2.0, Duration.ofSeconds(1), 20))
                .hasMessageContaining("max-retry-delay");
        assertThatThrownBy(() -> feedback(Duration.ofSeconds(15), 2.0, Duration.ofHours(1), 0))
                .hasMessageContaining("max-attempts");
        assertThatThrownBy(() -> new PoliceProperties.Feedback(true, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(20), 50, Duration.ofSeconds(15), 2.0, Duration.ofHours(1), 20))
                .as("a lease shorter than twice the timeouts").hasMessageContaining("lease");
        assertThatThrownBy(() -> new PoliceProperties("s", URI.create("ftp://x/y"), null, DataSize.ofKilobytes(64),
                Duration.ofSeconds(300), feedback(Duration.ofSeconds(15), 2.0, Duration.ofHours(1), 20)))
                .hasMessageContaining("callback-url");
        assertThatThrownBy(() -> new PoliceProperties("s", null, "41120", DataSize.ofKilobytes(64),
                Duration.ofSeconds(300), feedback(Duration.ofSeconds(15), 2.0, Duration.ofHours(1), 20)))
                .hasMessageContaining("region-code");
    }

    private static PoliceProperties props(String secret, URI callback) {
        return new PoliceProperties(secret, callback, null, DataSize.ofKilobytes(64), Duration.ofSeconds(300),
                feedback(Duration.ofSeconds(15), 2.0, Duration.ofHours(1), 20));
    }

    private static PoliceProperties.Feedback feedback(Duration first, double multiplier, Duration max, int attempts) {
        return new PoliceProperties.Feedback(true, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofMinutes(2), 50, first, multiplier, max, attempts);
    }
}
