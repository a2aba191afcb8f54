package cn.sanling.visit;

import java.time.Instant;
import java.time.LocalDate;

/** A row of screening_campaign. */
class CampaignRow {
    Long id;
    String name;
    String regionCode;
    LocalDate startsOn;
    LocalDate endsOn;
    String categoryCode;
    String description;
    String createdBy;
    Instant createdAt;

    /** True if the campaign runs over the grid or region {@code code} on {@code day}. */
    boolean covers(String code, LocalDate day) {
        return code != null && code.startsWith(regionCode) && !day.isBefore(startsOn) && !day.isAfter(endsOn);
    }
}
