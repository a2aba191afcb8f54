package cn.sanling.region;

import java.time.Instant;

/** A household (住户) of a grid. {@code tags}: comma-separated KEY_PERSON, LEFT_BEHIND, ELDERLY_ALONE. */
public record Household(Long id, String gridCode, String address, String headName, int members, String tags,
        Instant createdAt) {
}
