package cn.sanling.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * sanling.security.*: token lifetime and lockout. The signing secret itself is resolved by
 * {@link cn.sanling.support.Secrets}.
 */
@Validated
@ConfigurationProperties("sanling.security")
record SecurityProperties(@NotNull Duration tokenTtl, @Min(1) int maxFailedLogins, @NotNull Duration lockout) {
}
