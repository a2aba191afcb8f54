package cn.sanling.dispute;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * sanling.sla.*: the deadlines of SPEC §3 as ISO-8601 durations, as configured. The ADMIN may change each of them
 * ({@link SlaSettings}, which is what the deadlines are taken from); they set the due dates that the process's timer
 * events wait for, so a change applies to deadlines set from then on.
 */
@Validated
@ConfigurationProperties("sanling.sla")
public record SlaProperties(@NotNull Duration accept, @NotNull Duration acceptRed, @Valid @NotNull Mediate mediate,
        @NotNull Duration followUp) {

    public SlaProperties {
        requirePositive("accept", accept);
        requirePositive("accept-red", acceptRed);
        requirePositive("follow-up", followUp);
    }

    /** sanling.sla.mediate.*: mediation deadline per level. */
    public record Mediate(@NotNull Duration village, @NotNull Duration township, @NotNull Duration county) {

        public Mediate {
            requirePositive("mediate.village", village);
            requirePositive("mediate.township", township);
            requirePositive("mediate.county", county);
        }
    }

    public Duration acceptFor(RiskLevel risk) {
        return risk == RiskLevel.RED ? acceptRed : accept;
    }

    public Duration mediateAt(CaseLevel level) {
        return switch (level) {
            case VILLAGE -> mediate.village();
            case TOWNSHIP -> mediate.township();
            case COUNTY -> mediate.county();
        };
    }

    private static void requirePositive(String name, Duration d) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("sanling.sla." + name + " must be a positive ISO-8601 duration");
        }
    }
}
