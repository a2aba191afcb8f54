package cn.sanling.bench;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * How many cases of a timer round have escalated, cheap enough to ask four times a second. A look reads only the
 * {@code TIMEOUT_ESCALATE} events written since the last one, by the event's id; the last {@link #MARGIN} ids are
 * read again, for an event whose transaction took its id before another's and committed after it. A full count of
 * the round's PENDING cases backs it: every 10 s for the progress curve, whenever a look finds nothing new, and at
 * the end. The harness used to make that full count on every look, and at four looks a second over 10k cases its
 * index reads were nearly all of the phase's {@code Handler_read_next} (bench/README.md, twenty-sixth session).
 */
final class TimerProgress {

    /** Event ids read again on every look: more than the escalations the job threads have in flight at once. */
    private static final long MARGIN = 64;

    private final Db db;
    private final long from;
    private final long to;
    private final long baseline;
    private final Set<Long> escalated = new HashSet<>();
    private long lastEventId;

    /** Before the round's timers are due: events up to now are not the round's. */
    TimerProgress(Db db, long from, long to) throws SQLException {
        this.db = db;
        this.from = from;
        this.to = to;
        this.baseline = db.scalar("SELECT COALESCE(MAX(id), 0) FROM dispute_event");
        this.lastEventId = baseline;
    }

    /** Cases of the round seen escalated so far: the new events since the last look. */
    long look() throws SQLException {
        for (String[] row : db.rows("SELECT id, dispute_id FROM dispute_event WHERE id > ? AND dispute_id BETWEEN ? AND ? "
                + "AND action = 'TIMEOUT_ESCALATE'", Math.max(baseline, lastEventId - MARGIN), from, to)) {
            lastEventId = Math.max(lastEventId, Long.parseLong(row[0]));
            escalated.add(Long.parseLong(row[1]));
        }
        return escalated.size();
    }

    /** The round's cases now PENDING one level up, counted over all of them. */
    long full() throws SQLException {
        return db.scalar("SELECT COUNT(*) FROM dispute WHERE id BETWEEN ? AND ? AND status = 'PENDING'", from, to);
    }
}
