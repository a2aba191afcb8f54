package cn.sanling.sanling;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.sanling.region.Scope;

@Mapper
interface SanlingMapper {

    void insert(IncidentRow row);

    Incident find(@Param("id") long id);

    /** Marks an incident void; returns 0 if it was voided already. */
    int voidIncident(@Param("id") long id, @Param("at") Instant at, @Param("by") String by,
            @Param("reason") String reason);

    List<Incident> search(@Param("scope") Scope scope, @Param("region") String region, @Param("type") IncidentType type,
            @Param("from") Instant from, @Param("to") Instant to, @Param("limit") int limit);

    /** Incident counts per village under {@code region} in [from, to), voided ones left out. */
    List<VillageCount> countByVillage(@Param("scope") Scope scope, @Param("region") String region,
            @Param("from") Instant from, @Param("to") Instant to);

    /** Villages under {@code region} with an unresolved (PENDING or MEDIATING) RED case. */
    /** Villages with a RED case reported before {@code before} and not resolved yet. */
    List<String> villagesAtRisk(@Param("scope") Scope scope, @Param("region") String region,
            @Param("before") Instant before);

    class IncidentRow {
        Long id;
        IncidentType type;
        String regionCode;
        Instant occurredAt;
        String summary;
        Long caseId;
        boolean fromDispute;
        String recordedBy;
        Instant recordedAt;
    }

    record VillageCount(String villageCode, int petitions, int accidents, int criminalCases, int fromDisputes) {
    }
}
