package cn.sanling.dispute;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface SlaSettingMapper {

    /** Every setting the administrator changed. Shared by the cache: never change the list. */
    List<Row> all();

    int remove(@Param("name") String name);

    void insert(@Param("name") String name, @Param("value") String value, @Param("by") String by,
            @Param("at") Instant at);

    record Row(String name, String settingValue) {
    }
}
