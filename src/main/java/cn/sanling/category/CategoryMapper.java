package cn.sanling.category;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;

@Mapper
interface CategoryMapper {

    /** Every enabled category row, parents and children, in display order. Shared by the cache: never change it. */
    List<CategoryRow> findAll();

    record CategoryRow(String code, String parentCode, String name, String slogan) {
    }
}
