package cn.sanling.demo;

import java.time.Instant;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface DemoMapper {

    int isLoaded(@Param("name") String name);

    /** Claims a one-time load; a second node starting at the same time blocks here, then fails on the key. */
    void markLoaded(@Param("name") String name, @Param("at") Instant at);
}
