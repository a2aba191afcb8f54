package cn.sanling.dispute;

import java.time.Instant;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The finished-case counts of V13 (table {@code finished_case_count}), written by {@link FinishedCaseCounts}. */
@Mapper
interface FinishedCountMapper {

    /** What the statistics count of one case as its row now stands in this transaction (null if there is no row). */
    CaseMeasures measures(@Param("id") long id);

    /** Adds the figures to their (county, month, dimension, value) row, creating it when missing. */
    void add(@Param("r") FinishedCount row);

    /** One case's statistics figures (0/1 flags, the seconds from report to resolution), see {@code caseMeasures}. */
    record CaseMeasures(String countyCode, Instant reportedAt, String status, String level, String categoryCode,
            String source, long accepted, long resolvedOnTime, long overdue, long everOverdue, long supervised,
            long resolveSeconds, long resolveCount) {
    }
}
