package cn.sanling.region;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The household table. Only the region module maps it; others go through {@link HouseholdService}. */
@Mapper
interface HouseholdMapper {

    Household find(@Param("id") long id);

    List<Household> list(@Param("scope") Scope scope, @Param("prefix") String prefix, @Param("tag") String tag,
            @Param("offset") int offset, @Param("limit") int limit);

    long count(@Param("scope") Scope scope, @Param("prefix") String prefix, @Param("tag") String tag);

    List<HouseholdService.GridCount> countByGrid(@Param("scope") Scope scope, @Param("prefix") String prefix);

    void insert(HouseholdService.NewRow row);

    int update(@Param("id") long id, @Param("gridCode") String gridCode, @Param("address") String address,
            @Param("headName") String headName, @Param("members") int members, @Param("tags") String tags);
}
