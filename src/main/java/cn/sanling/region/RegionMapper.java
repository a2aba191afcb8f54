package cn.sanling.region;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface RegionMapper {

    Region find(@Param("code") String code);

    /** Regions and grids (level GRID) among the codes. */
    List<Region> findAll(@Param("codes") List<String> codes);

    int insertRegions(@Param("regions") List<Region> regions);

    int renameRegion(@Param("code") String code, @Param("name") String name);

    List<Region> children(@Param("code") String code);

    List<Region> villages(@Param("prefix") String prefix);

    List<String> countyCodes(@Param("prefix") String prefix);

    /** Cached for up to a minute (RegionMapper.xml). */
    Grid findGrid(@Param("code") String code);

    List<Grid> grids(@Param("scope") Scope scope, @Param("prefix") String prefix);

    int insertGrids(@Param("grids") List<Grid> grids);

    String lastGridCode(@Param("villageCode") String villageCode);

    int renameGrid(@Param("code") String code, @Param("name") String name);

    int insertHouseholds(@Param("households") List<Household> households);

    long countGrids();

    long countHouseholds();
}
