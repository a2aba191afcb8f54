package cn.sanling.dispute;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.account.Actor;
import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.dispute.FinishedCountMapper.CaseMeasures;

/**
 * Keeps the finished-case counts (V13 {@code finished_case_count}) exact: every change of a case row goes through
 * {@link #transition}, which takes a finished case out of the counts before its row changes and puts it back as it
 * stands after, in the same transaction. A finished case takes no further action (SPEC §3), so in practice a case is
 * counted once, by the action that finishes it; taking it out is there so that no path can leave a count stale.
 */
@Component
public class FinishedCaseCounts {

    /** Statuses after which a case takes no further action. */
    public static final Set<CaseStatus> FINISHED = EnumSet.of(CaseStatus.CLOSED, CaseStatus.REJECTED,
            CaseStatus.REFERRED, CaseStatus.WITHDRAWN);

    private static final Comparator<FinishedCount> KEY_ORDER = Comparator.comparing(FinishedCount::dimension)
            .thenComparing(FinishedCount::value);

    private final DisputeMapper cases;
    private final FinishedCountMapper counts;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;

    FinishedCaseCounts(DisputeMapper cases, FinishedCountMapper counts, JdbcTemplate jdbc, AuditLog audit) {
        this.cases = cases;
        this.counts = counts;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The answer of a recount: how many count rows it wrote. */
    public record Recount(int rows) {
    }

    /**
     * Recounts every finished case (FinishedCaseCountsMigration.rebuild) in this transaction. A concurrent action
     * that finishes a case waits for the recount's locks and then adds to the new rows, or is already committed and
     * in the recount.
     */
    @Transactional
    public Recount recount(Actor actor) {
        int rows = jdbc.execute((ConnectionCallback<Integer>) FinishedCaseCountsMigration::rebuild);
        audit.record(AuditEvent.of(actor.username(), actor.roleName(), "STATISTICS_RECOUNT")
                .target("FINISHED_CASE_COUNT", "all").detail(rows + " rows"));
        return new Recount(rows);
    }

    /**
     * The case's transition update (optimistic on {@code expectedVersion}) with the counts. Returns false when the
     * case was changed since: the caller must then fail its transaction (the counts may already have moved).
     */
    boolean transition(DisputeRow before, DisputeRow after, int expectedVersion) {
        if (FINISHED.contains(before.status)) {
            count(before.id, -1);
        }
        if (cases.transition(after, expectedVersion) == 0) {
            return false;
        }
        if (FINISHED.contains(after.status)) {
            count(after.id, 1);
        }
        return true;
    }

    /** The month (China time) a case reported at this instant is counted in: {@code YYYY-MM}. */
    public static String month(Instant reportedAt) {
        return YearMonth.from(reportedAt.atZone(DisputeCommandService.ZONE)).toString();
    }

    private void count(long id, int sign) {
        CaseMeasures m = counts.measures(id);
        if (m == null) {
            throw new IllegalStateException("case " + id + " not found");
        }
        String month = month(m.reportedAt());
        List<FinishedCount> rows = new ArrayList<>(4);
        rows.add(new FinishedCount(m.countyCode(), month, FinishedCount.STATUS, m.status(), sign,
                sign * m.accepted(), sign * m.resolvedOnTime(), sign * m.overdue(), sign * m.everOverdue(),
                sign * m.supervised(), sign * m.resolveSeconds(), sign * m.resolveCount()));
        rows.add(FinishedCount.cases(m.countyCode(), month, FinishedCount.LEVEL, m.level(), sign));
        rows.add(FinishedCount.cases(m.countyCode(), month, FinishedCount.CATEGORY, m.categoryCode(), sign));
        rows.add(FinishedCount.cases(m.countyCode(), month, FinishedCount.SOURCE, m.source(), sign));
        // one county and month per case, its rows added in key order: concurrent actions lock the rows they share in
        // the same order, and a row missing yet is inserted by one while the others wait for it (no lock cycle;
        // FinishedCaseCountsTest finishes cases of several counties at once into new rows on MariaDB)
        rows.sort(KEY_ORDER);
        rows.forEach(counts::add);
    }
}
