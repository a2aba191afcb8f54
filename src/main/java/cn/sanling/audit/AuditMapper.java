package cn.sanling.audit;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.sanling.region.Scope;

@Mapper
interface AuditMapper {

    /** prev_hash of the first row. */
    String GENESIS = "0".repeat(64);

    Head lockHead();

    /** The chain's head as last committed, without a lock (for verifying). */
    Head head();

    void insert(AuditEntry entry);

    void updateHead(@Param("lastId") long lastId, @Param("lastHash") String lastHash);

    List<AuditEntry> page(@Param("afterId") long afterId, @Param("limit") int limit);

    List<AuditEntry> search(@Param("scope") Scope scope, @Param("targetType") String targetType,
            @Param("targetId") String targetId, @Param("actor") String actor, @Param("action") String action,
            @Param("from") Instant from, @Param("to") Instant to, @Param("beforeId") Long beforeId,
            @Param("limit") int limit);

    long countInScope(@Param("scope") Scope scope);

    AuditEntry find(@Param("id") long id);

    record Head(long lastId, String lastHash) {
    }
}
