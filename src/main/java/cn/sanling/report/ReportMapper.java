package cn.sanling.report;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.sanling.region.RegionLevel;
import cn.sanling.region.Scope;

/**
 * Aggregations and the ledger stream over the dispute tables (a read model). Every query is bound to the caller's
 * scope through the one scope fragment, and to the requested region and period.
 */
@Mapper
interface ReportMapper {

    /**
     * Counts and sums per (status, level, category, source, month of {@code months}; null month when the list is
     * empty), in one pass; combinations without cases are absent. With {@code statuses}, only cases in those;
     * with {@code outside}, only cases reported outside that period.
     */
    List<BreakdownRow> breakdown(@Param("scope") Scope scope, @Param("region") Area region, @Param("p") Period period,
            @Param("months") List<Period.Month> months, @Param("statuses") Collection<String> statuses,
            @Param("outside") Period outside);

    /** Finished cases of these counties reported in these (whole) months, per dimension, value and month (V13). */
    List<MonthCount> finishedCounts(@Param("scope") Scope scope, @Param("counties") List<String> counties,
            @Param("months") List<Period.Month> months);

    SupervisionTotals supervision(@Param("scope") Scope scope, @Param("region") Area region,
            @Param("p") Period period, @Param("now") Instant now);

    /**
     * Totals per child region (the first {@code digits} digits of the region code). With {@code statuses}, only
     * cases in those; with {@code outside}, only cases reported outside that period (as {@link #breakdown}).
     */
    List<ChildTotals> byChild(@Param("scope") Scope scope, @Param("region") Area region, @Param("p") Period period,
            @Param("digits") int digits, @Param("statuses") Collection<String> statuses,
            @Param("outside") Period outside);

    /**
     * {@link #byChild}'s totals of the finished cases of these counties reported in these (whole) months, from the
     * finished-case counts (V13), per child region of {@code digits} ≤ 6 digits (a county or a city).
     */
    List<ChildTotals> finishedByChild(@Param("scope") Scope scope, @Param("counties") List<String> counties,
            @Param("months") List<Period.Month> months, @Param("digits") int digits);

    /** Resolved / unresolved per child region and category. */
    List<SheetCell> monthlySheet(@Param("scope") Scope scope, @Param("region") Area region,
            @Param("p") Period period, @Param("digits") int digits);

    /** Open cases that are overdue or supervised, most urgent first. */
    List<AttentionCase> attention(@Param("scope") Scope scope, @Param("region") Area region,
            @Param("limit") int limit);

    /** Supervision orders (督办) created in the period, newest first, with their response. */
    List<SupervisionLine> supervisions(@Param("scope") Scope scope, @Param("region") Area region,
            @Param("p") Period period, @Param("limit") int limit);

    // The ledger's pages of rows (statement "ledger" in the XML) are read straight from JDBC by LedgerService.

    /** Every category's name (the ledger's 类别), by code. */
    List<CodeName> categoryNames();

    /** Display names of these accounts (the ledger's 调解员), by username; unknown usernames are absent. */
    List<CodeName> displayNames(@Param("usernames") Collection<String> usernames);

    /** A name by its code (or username). */
    record CodeName(String code, String name) {
    }

    /** One group of {@link #breakdown}; resolveSeconds / resolveCount over resolved cases with a resolve time. */
    record BreakdownRow(String status, String level, String category, String source, String reportMonth, long total, long accepted,
            long resolvedOnTime, long overdue, long everOverdue, long supervised, long resolveSeconds,
            long resolveCount) {
    }

    /** A sum of finished_case_count rows; the measures are on STATUS rows only (zero on the others). */
    record MonthCount(String dimension, String dimValue, String reportMonth, long cases, long accepted,
            long resolvedOnTime, long overdue, long everOverdue, long supervised, long resolveSeconds,
            long resolveCount) {
    }

    record SupervisionTotals(long orders, long automatic, long answered, long lateAnswers, long openPastDue,
            long endedUnanswered, Double avgResponseSeconds, Double maxResponseSeconds) {
    }

    record ChildTotals(String code, long total, long accepted, long resolved, long open, long overdue,
            long supervised) {

        /** Both parts' totals of one child (from the counts and from the cases, or of two of its counties). */
        ChildTotals plus(ChildTotals o) {
            return new ChildTotals(code, total + o.total, accepted + o.accepted, resolved + o.resolved,
                    open + o.open, overdue + o.overdue, supervised + o.supervised);
        }

        /** These totals as the child region {@code digits} deep's (a county's, for its city). */
        ChildTotals under(int digits) {
            String child = RegionLevel.cut(code, digits);
            return child.equals(code) ? this
                    : new ChildTotals(child, total, accepted, resolved, open, overdue, supervised);
        }
    }

    record SheetCell(String code, String category, long total, long resolved, long unresolved) {

        /** Two counties' cells of one category. */
        SheetCell plus(SheetCell o) {
            return new SheetCell(code, category, total + o.total, resolved + o.resolved, unresolved + o.unresolved);
        }

        /** This cell as the child region {@code digits} deep's (a county's, for its city). */
        SheetCell under(int digits) {
            String child = RegionLevel.cut(code, digits);
            return child.equals(code) ? this : new SheetCell(child, category, total, resolved, unresolved);
        }
    }

    record AttentionCase(long id, String caseNo, String title, String villageName, String status, String level,
            String riskLevel, Instant dueAt, boolean overdue, boolean supervised) {
    }

    /** A 督办 order and its answer; {@code caseStatus} tells an order still waiting from one whose case ended. */
    record SupervisionLine(long caseId, String caseNo, String title, String caseStatus, Instant createdAt,
            String supervisor, boolean automatic, String note, Instant dueAt, Instant respondedAt, String responder,
            String responseNote) {
    }
}
