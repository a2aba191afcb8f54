package cn.sanling.category;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface CategoryMapper {

    /** Every enabled category row, parents and children, in display order. Shared by the cache: never change it. */
    List<CategoryRow> findAll();

    record CategoryRow(String code, String parentCode, String name, String slogan) {
    }

    List<AdminRow> findAllRows();

    int nextSortOrder(@Param("parentCode") String parentCode);

    void insertSub(@Param("code") String code, @Param("parentCode") String parentCode, @Param("name") String name,
            @Param("sortOrder") int sortOrder);

    int updateSub(@Param("code") String code, @Param("name") String name, @Param("enabled") boolean enabled);

    /** A row as the administrator sees it. */
    record AdminRow(String code, String parentCode, String name, boolean enabled) {
    }
}
