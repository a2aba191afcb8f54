package cn.sanling.integration;

import java.time.Instant;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface PoliceAlertMapper {

    /** Claims the alert id; a second claim of the same id fails with a duplicate key (or waits for the first). */
    void claim(@Param("alertId") String alertId, @Param("type") AlertType type,
            @Param("villageCode") String villageCode, @Param("receivedAt") Instant receivedAt,
            @Param("createdAt") Instant createdAt, @Param("payloadSha256") String payloadSha256);

    void bindCase(@Param("alertId") String alertId, @Param("disputeId") long disputeId, @Param("caseNo") String caseNo);

    /** The alert with this id, only once its case is bound (i.e. its intake committed). */
    AlertRow find(@Param("alertId") String alertId);

    AlertRow findByCase(@Param("disputeId") long disputeId);

    /** A stored alert and the case it opened. */
    record AlertRow(String alertId, AlertType alertType, String villageCode, Long disputeId, String caseNo,
            String payloadSha256) {
    }
}
