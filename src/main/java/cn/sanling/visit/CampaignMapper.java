package cn.sanling.visit;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.sanling.region.Scope;

@Mapper
interface CampaignMapper {

    void insert(CampaignRow row);

    CampaignRow find(@Param("id") long id);

    /** Campaigns whose region overlaps the scope (inside it, or one of its ancestors), newest first. */
    List<CampaignRow> visible(@Param("scope") Scope scope, @Param("limit") int limit);
}
