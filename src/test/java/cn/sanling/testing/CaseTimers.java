package cn.sanling.testing;

import org.flowable.engine.ManagementService;
import org.springframework.jdbc.core.JdbcTemplate;

/** Fires a case's process timers now, through the engine, as the async executor would when they fall due. */
public final class CaseTimers {

    private final ManagementService management;
    private final JdbcTemplate jdbc;

    CaseTimers(ManagementService management, JdbcTemplate jdbc) {
        this.management = management;
        this.jdbc = jdbc;
    }

    /** The case's mediation deadline passes: its {@code mediateTimer} runs (escalation, or 督办 at county level). */
    public void passMediationDeadline(long caseId) {
        String pid = jdbc.queryForObject("SELECT process_instance_id FROM dispute WHERE id = ?", String.class, caseId);
        String timer = management.createTimerJobQuery().processInstanceId(pid).elementId("mediateTimer")
                .singleResult().getId();
        management.moveTimerToExecutableJob(timer);
        management.executeJob(timer);
    }
}
