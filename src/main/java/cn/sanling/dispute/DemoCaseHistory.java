package cn.sanling.dispute;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.account.Actor;

/**
 * A history for demo cases. They are taken through the real commands within a minute, so every dashboard showed one
 * month and 0 days to resolve. Their finished cases (closed, rejected, referred, withdrawn: no process left, so no
 * timer to move) are spread over the current year up to three weeks ago, each step after the one before by a
 * plausible time that keeps within its deadline (accepted within the day, or the two hours of a RED case; mediated
 * within the village's week; followed up within the fortnight); the timeline, 调解笔录 and 回访 move with their case,
 * and the statistics' finished counts are recounted. The audit log keeps the times at which things were really
 * written. Open cases keep today's times, with their live timers.
 */
@Component
public class DemoCaseHistory {

    private static final ZoneId COUNTY_TIME = ZoneId.of("Asia/Shanghai");
    private static final Duration LATEST = Duration.ofDays(21);
    private static final Duration LONGEST_BACK = Duration.ofDays(330);

    private final JdbcTemplate jdbc;
    private final FinishedCaseCounts counts;
    private final CaseProcess process;
    private final Clock clock;

    DemoCaseHistory(JdbcTemplate jdbc, FinishedCaseCounts counts, CaseProcess process, Clock clock) {
        this.jdbc = jdbc;
        this.counts = counts;
        this.process = process;
        this.clock = clock;
    }

    /** Spreads the finished ones of these cases as of now; returns how many moved. */
    @Transactional
    public int spread(Collection<Long> caseIds, long seed) {
        return spread(caseIds, seed, clock.instant());
    }

    /** The window: from the start of the current year (China time), at most 330 days back, to three weeks ago. */
    @Transactional
    int spread(Collection<Long> caseIds, long seed, Instant now) {
        Instant yearStart = now.atZone(COUNTY_TIME).toLocalDate().withDayOfYear(1).atStartOfDay(COUNTY_TIME)
                .toInstant();
        Instant earliest = yearStart.isAfter(now.minus(LONGEST_BACK)) ? yearStart : now.minus(LONGEST_BACK);
        Instant latest = now.minus(LATEST);
        if (!earliest.isBefore(latest)) {
            return 0; // early in January: no room this year
        }
        Random random = new Random(seed);
        int moved = 0;
        for (long id : caseIds) {
            Times c = jdbc.queryForObject("SELECT status, risk_level, updated_at, due_at FROM dispute WHERE id = ?",
                    (rs, n) -> new Times(CaseStatus.valueOf(rs.getString(1)), rs.getString(2), rs.getTimestamp(3),
                            rs.getTimestamp(4)), id);
            if (!FinishedCaseCounts.FINISHED.contains(c.status())) {
                continue;
            }
            boolean red = "RED".equals(c.riskLevel());
            Instant at = earliest.plusSeconds((long) (random.nextDouble() * Duration.between(earliest, latest)
                    .toSeconds()));
            Instant reported = at;
            Instant accepted = null;
            Instant resolved = null;
            Instant closed = null;
            List<Instant> sessions = new ArrayList<>();
            List<Instant> followUps = new ArrayList<>();
            List<Object[]> events = new ArrayList<>();
            for (Map<String, Object> e : jdbc.queryForList("SELECT id, action FROM dispute_event WHERE dispute_id = ? "
                    + "ORDER BY id", id)) {
                String action = (String) e.get("action");
                if (!events.isEmpty()) {
                    at = at.plus(after(action, red, random));
                }
                events.add(new Object[] {Timestamp.from(at), e.get("id")});
                switch (action) {
                    case "ACCEPT" -> accepted = accepted == null ? at : accepted;
                    case "RECORD_SESSION" -> sessions.add(at);
                    case "RESOLVE" -> resolved = at;
                    case "FOLLOW_UP" -> {
                        followUps.add(at);
                        closed = at;
                    }
                    default -> { }
                }
            }
            jdbc.batchUpdate("UPDATE dispute_event SET at = ? WHERE id = ?", events);
            retime("mediation_session", id, sessions);
            retime("follow_up", id, followUps);
            Instant updated = c.updatedAt().toInstant();
            Timestamp due = c.dueAt() == null ? null
                    : Timestamp.from(c.dueAt().toInstant().minus(Duration.between(at, updated)));
            jdbc.update("UPDATE dispute SET reported_at = ?, accepted_at = CASE WHEN accepted_at IS NULL THEN NULL "
                    + "ELSE ? END, resolved_at = CASE WHEN resolved_at IS NULL THEN NULL ELSE ? END, closed_at = "
                    + "CASE WHEN closed_at IS NULL THEN NULL ELSE ? END, updated_at = ?, due_at = ? WHERE id = ?",
                    Timestamp.from(reported), stamp(accepted), stamp(resolved), stamp(closed), Timestamp.from(at), due,
                    id);
            moved++;
        }
        if (moved > 0) {
            counts.recount(Actor.SYSTEM);
        }
        return moved;
    }

    /**
     * Makes these cases late for acceptance, as demo data has none: each still PENDING case, reported within its
     * acceptance deadline of today, is moved back so that the deadline passed an hour to two days ago (its timeline
     * with it) and its acceptance timer is set to that deadline. The engine fires the timer as soon as its timers run,
     * and the real timer path flags the case overdue and notifies its supervisors. Returns how many were moved.
     */
    @Transactional
    public int overdue(Collection<Long> caseIds, long seed) {
        Random random = new Random(seed);
        Instant now = clock.instant();
        int moved = 0;
        for (long id : caseIds) {
            Pending c = jdbc.queryForObject("SELECT status, reported_at, updated_at, due_at, process_instance_id "
                    + "FROM dispute WHERE id = ?", (rs, n) -> new Pending(CaseStatus.valueOf(rs.getString(1)),
                            rs.getTimestamp(2), rs.getTimestamp(3), rs.getTimestamp(4), rs.getString(5)), id);
            if (c.status() != CaseStatus.PENDING || c.dueAt() == null || c.processInstanceId() == null) {
                continue;
            }
            Instant due = now.minus(between(60, 48 * 60, random));
            Duration back = Duration.between(due, c.dueAt().toInstant());
            List<Object[]> events = jdbc.query("SELECT id, at FROM dispute_event WHERE dispute_id = ?",
                    (rs, n) -> new Object[] {earlier(rs.getTimestamp("at"), back), rs.getLong("id")}, id);
            jdbc.batchUpdate("UPDATE dispute_event SET at = ? WHERE id = ?", events);
            jdbc.update("UPDATE dispute SET reported_at = ?, updated_at = ?, due_at = ? WHERE id = ?",
                    earlier(c.reportedAt(), back), earlier(c.updatedAt(), back), Timestamp.from(due), id);
            process.moveAcceptDeadline(c.processInstanceId(), due);
            moved++;
        }
        return moved;
    }

    private record Pending(CaseStatus status, Timestamp reportedAt, Timestamp updatedAt, Timestamp dueAt,
            String processInstanceId) {
    }

    private static Timestamp earlier(Timestamp at, Duration back) {
        return Timestamp.from(at.toInstant().minus(back));
    }

    private record Times(CaseStatus status, String riskLevel, Timestamp updatedAt, Timestamp dueAt) {
    }

    /** How long after the step before a step of this kind was taken. */
    private static Duration after(String action, boolean red, Random random) {
        return switch (action) {
            case "ACCEPT" -> red ? between(10, 90, random) : between(60, 20 * 60, random);
            case "RECORD_SESSION" -> between(12 * 60, 60 * 60, random);
            case "ESCALATE" -> between(6 * 60, 30 * 60, random);
            case "RESOLVE" -> between(6 * 60, 60 * 60, random);
            case "FOLLOW_UP" -> between(3 * 24 * 60, 12 * 24 * 60, random);
            case "REJECT", "WITHDRAW", "REFER" -> between(4 * 60, 48 * 60, random);
            case "NOTIFY" -> Duration.ofMinutes(1);
            default -> between(60, 24 * 60, random);
        };
    }

    private static Duration between(int minMinutes, int maxMinutes, Random random) {
        return Duration.ofMinutes(minMinutes + random.nextInt(maxMinutes - minMinutes + 1));
    }

    private static Timestamp stamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    /** Gives the case's rows of a table (in id order) these times, in order. */
    private void retime(String table, long caseId, List<Instant> times) {
        List<Long> ids = jdbc.queryForList("SELECT id FROM " + table + " WHERE dispute_id = ? ORDER BY id", Long.class,
                caseId);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < ids.size() && i < times.size(); i++) {
            rows.add(new Object[] {Timestamp.from(times.get(i)), ids.get(i)});
        }
        jdbc.batchUpdate("UPDATE " + table + " SET at = ? WHERE id = ?", rows);
    }
}
