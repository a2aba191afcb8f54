package cn.sanling.support;

import java.time.Instant;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** One-time data work done on this database (table data_load): demo data, back-fills after an upgrade. */
@Mapper
public interface DataLoads {

    boolean done(@Param("name") String name);

    /** Marks it done; a second node doing the same at the same time blocks here, then fails on the key. */
    void markDone(@Param("name") String name, @Param("at") Instant at);
}
