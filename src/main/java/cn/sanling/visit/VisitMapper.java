package cn.sanling.visit;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.sanling.region.Scope;

@Mapper
interface VisitMapper {

    void insert(VisitRow row);

    /** The visit this visitor logged with this key; null if none. */
    Long findSubmitted(@Param("visitor") String visitor, @Param("key") String key);

    /** Links a visit to the case reported from it, unless it has one: the number of rows changed. */
    int linkCase(@Param("id") long id, @Param("disputeId") long disputeId, @Param("caseNo") String caseNo);

    VisitRow find(@Param("id") long id);

    List<VisitRow> search(@Param("f") VisitFilter filter, @Param("scope") Scope scope);

    long count(@Param("f") VisitFilter filter, @Param("scope") Scope scope);

    /** The latest visit time of each household under {@code prefix} visited since {@code since} (null: ever). */
    List<HouseholdVisit> lastVisits(@Param("scope") Scope scope, @Param("prefix") String prefix,
            @Param("since") Instant since);

    /** Distinct households visited in a campaign under {@code prefix}, counted per grid. */
    List<GridVisits> visitedByGrid(@Param("campaignId") long campaignId, @Param("scope") Scope scope,
            @Param("prefix") String prefix);

    /** Ids of the households visited in a campaign under {@code prefix}. */
    List<Long> visitedHouseholds(@Param("campaignId") long campaignId, @Param("scope") Scope scope,
            @Param("prefix") String prefix);

    record HouseholdVisit(Long householdId, Instant lastVisitedAt) {
    }

    record GridVisits(String gridCode, long visited) {
    }
}
