package cn.sanling.bench;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.flowable.engine.HistoryService;
import org.flowable.engine.ManagementService;
import org.flowable.engine.RuntimeService;
import org.flowable.job.api.Job;
import org.springframework.context.ApplicationContext;

import cn.sanling.dispute.CaseProcess;

/**
 * Live Flowable state for open cases without going through the engine once per case. For every open state a case
 * can be in (pending / mediating / resolved at each level, supervised, overdue) one template process instance is
 * driven through the real engine and the application's own {@link CaseProcess}, with sentinel values for the case id,
 * the region codes and the due date. Its rows in every ACT_RU_* and ACT_HI_* table are then copied for each open case
 * with fresh ids and the case's own values. The copies are therefore exactly what the engine writes for that state;
 * the run checks a sample of them by acting on them over HTTP and lets 10k cloned timers fire.
 */
final class ProcessTemplates {

    /**
     * The clones' ids ascend (version-4 layout, the counter in the leading 48 bits, random low half): each
     * ACT_* primary key and id index then grows at its right edge, as with the engine's own time-based ids, instead
     * of at random pages, which with a buffer pool smaller than the data made every insert a page read (the 10k
     * timer cases of quick mode took 192 s to load with random ids). Version 4 never equals an engine id (version 1).
     */
    private static final AtomicLong NEXT_ID = new AtomicLong(System.currentTimeMillis() << 4);


    /** Sentinel codes: a township/county/city prefix no real code starts with. */
    static final String T_COUNTY = "970001";
    static final String T_TOWNSHIP = "970001002";
    static final String T_VILLAGE = "970001002003";
    static final String T_GRID = "970001002003001";
    static final long T_CASE_BASE = 970_000_000L;
    static final Instant SENTINEL_DUE = Instant.parse("2037-01-01T00:00:00Z"); // ACT_RU_TIMER_JOB.DUEDATE_ is a TIMESTAMP: before 2038

    /** The open states: P pending, M mediating, R resolved (awaiting follow-up); V/T/C level; S supervised; OD overdue. */
    enum State {
        P_V, P_T, P_C, P_V_OD, P_T_OD, M_V, M_T, M_C, M_V_S, M_T_S, M_C_S, M_C_AUTO, R_V, R_T, R_C, R_V_OD, R_T_OD, R_C_OD;

        String status() {
            return switch (name().charAt(0)) {
                case 'P' -> "PENDING";
                case 'M' -> "MEDIATING";
                default -> "RESOLVED";
            };
        }

        String level() {
            return switch (name().charAt(2)) {
                case 'V' -> "VILLAGE";
                case 'T' -> "TOWNSHIP";
                default -> "COUNTY";
            };
        }

        boolean overdue() {
            return name().endsWith("_OD") || this == M_C_AUTO;
        }

        boolean supervised() {
            return name().endsWith("_S") || this == M_C_AUTO;
        }

        String task() {
            return switch (name().charAt(0)) {
                case 'P' -> "ACCEPT";
                case 'M' -> "MEDIATE";
                default -> "FOLLOW_UP";
            };
        }
    }

    private record TableRows(String table, String[] columns, List<Object[]> rows) {
    }

    private record Template(State state, long caseId, String pid, String taskId, List<TableRows> tables,
            Set<String> ids) {
    }

    /** What the case row needs to know about its cloned process. */
    record Clone(String processInstanceId, String taskId) {
    }

    private final Map<State, Template> templates = new EnumMap<>(State.class);
    private final Map<String, Db.Batch> batches = new LinkedHashMap<>();
    private final Db db;
    private LocalDateTime sentinelLdt;
    long rowsWritten;
    long clones;

    private ProcessTemplates(Db db) {
        this.db = db;
    }

    /** Drives one template instance per state through the engine and snapshots its rows. */
    static ProcessTemplates build(ApplicationContext app, Db db) throws Exception {
        ProcessTemplates t = new ProcessTemplates(db);
        CaseProcess process = app.getBean(CaseProcess.class);
        ManagementService management = app.getBean(ManagementService.class);
        Map<State, String> pids = new EnumMap<>(State.class);
        for (State s : State.values()) {
            long caseId = T_CASE_BASE + s.ordinal();
            db.update("INSERT INTO dispute (id, case_no, title, description, category_code, county_code, village_code, "
                    + "grid_code, region_code, source, risk_level, status, level, reported_by, reported_at, updated_at, "
                    + "version) VALUES (?, ?, 'bench template', 'bench template', 'NEIGHBOUR', ?, ?, ?, ?, 'VISIT', "
                    + "'BLUE', 'PENDING', 'VILLAGE', 'bench', NOW(3), NOW(3), 0)",
                    caseId, "TPL-" + s.ordinal(), T_COUNTY, T_VILLAGE, T_GRID, T_GRID);
            pids.put(s, drive(s, caseId, process, management, db));
        }
        for (State s : State.values()) {
            t.snapshot(s, T_CASE_BASE + s.ordinal(), pids.get(s));
        }
        return t;
    }

    private static String region(String level) {
        return switch (level) {
            case "VILLAGE" -> T_VILLAGE;
            case "TOWNSHIP" -> T_TOWNSHIP;
            default -> T_COUNTY;
        };
    }

    /** The same variables the dispute module's ProcessPlan gives the engine at each step. */
    private static String drive(State s, long caseId, CaseProcess process, ManagementService management, Db db)
            throws SQLException {
        Date due = Date.from(SENTINEL_DUE);
        String[] levels = {"VILLAGE", "TOWNSHIP", "COUNTY"};
        int target = List.of(levels).indexOf(s.level());
        Map<String, Object> start = new HashMap<>();
        start.put(CaseProcess.CASE_ID, caseId);
        start.put("acceptGroups", "MEDIATOR:" + T_VILLAGE);
        start.put("acceptDueAt", due);
        start.put("level", "VILLAGE");
        String pid = process.start(caseId, start);
        for (int l = 0; l < target; l++) {
            process.complete(pid, "ACCEPT", "ACCEPT", mediate(levels[l], due));
            Map<String, Object> up = new HashMap<>();
            up.put("acceptGroups", "MEDIATOR:" + region(levels[l + 1]));
            up.put("acceptDueAt", due);
            up.put("level", levels[l + 1]);
            process.complete(pid, "MEDIATE", "ESCALATE", up);
        }
        String level = s.level();
        if (s.status().equals("PENDING")) {
            if (s.overdue()) {
                fire(management, pid, "acceptTimer");
            }
            return pid;
        }
        process.complete(pid, "ACCEPT", "ACCEPT", mediate(level, due));
        if (s.status().equals("MEDIATING")) {
            if (s == State.M_C_AUTO) {
                db.update("UPDATE dispute SET status = 'MEDIATING', level = 'COUNTY' WHERE id = ?", caseId);
                fire(management, pid, "mediateTimer");
            } else if (s.supervised()) {
                process.supervise(pid, "MEDIATOR:" + region(level));
            }
            return pid;
        }
        Map<String, Object> follow = new HashMap<>();
        follow.put("followUpGroups", "MEDIATOR:" + region(level) + ",GRID_WORKER:" + T_VILLAGE + ",GRID_WORKER:" + T_GRID);
        follow.put("followUpDueAt", due);
        process.complete(pid, "MEDIATE", "RESOLVE", follow);
        if (s.overdue()) {
            db.update("UPDATE dispute SET status = 'RESOLVED' WHERE id = ?", caseId);
            fire(management, pid, "followUpTimer");
        }
        return pid;
    }

    private static Map<String, Object> mediate(String level, Date due) {
        Map<String, Object> v = new HashMap<>();
        v.put("mediateGroups", "MEDIATOR:" + region(level));
        v.put("mediateDueAt", due);
        v.put("level", level);
        return v;
    }

    private static void fire(ManagementService management, String pid, String timer) {
        Job job = management.createTimerJobQuery().processInstanceId(pid).elementId(timer).singleResult();
        if (job == null) {
            throw new IllegalStateException("template " + pid + " has no " + timer);
        }
        // once executable, the application's async executor runs the job as soon as the move commits (the engine
        // hands it a new executable job directly): wait for that. Running it here as well raced the executor, and
        // the loser's delegate failed on the case it found changed (ERROR logs, and a retry, in every run until the
        // twenty-seventh session).
        Job executable = management.moveTimerToExecutableJob(job.getId());
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (management.createJobQuery().jobId(executable.getId()).count() > 0) {
            if (management.createDeadLetterJobQuery().jobId(executable.getId()).count() > 0) {
                throw new IllegalStateException("template " + pid + ": " + timer + " ended as a dead-letter job");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("template " + pid + ": " + timer + " did not run within 60 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Every ACT_RU_/ACT_HI_ row reachable from the process instance through *ID_ columns. */
    private void snapshot(State s, long caseId, String pid) throws SQLException {
        List<String> tables = new ArrayList<>();
        Map<String, List<String>> idColumns = new HashMap<>();
        for (String[] r : db.rows("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND (TABLE_NAME LIKE 'ACT\\_RU\\_%' OR TABLE_NAME LIKE 'ACT\\_HI\\_%') "
                + "ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            if (!idColumns.containsKey(r[0])) {
                tables.add(r[0]);
                idColumns.put(r[0], new ArrayList<>());
            }
            if (r[1].endsWith("ID_") && (r[2].equals("varchar") || r[2].equals("char"))) {
                idColumns.get(r[0]).add(r[1]);
            }
        }
        Set<String> ids = new HashSet<>(Set.of(pid));
        Map<String, Map<String, Object[]>> found = new LinkedHashMap<>();
        Map<String, String[]> columnsOf = new HashMap<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            String in = String.join(", ", ids.stream().map(x -> "'" + x.replace("'", "") + "'").toList());
            for (String table : tables) {
                List<String> cols = idColumns.get(table);
                if (cols.isEmpty() || !cols.contains("ID_")) {
                    continue;
                }
                String where = String.join(" OR ", cols.stream().map(c -> c + " IN (" + in + ")").toList());
                try (PreparedStatement ps = db.c.prepareStatement("SELECT * FROM " + table + " WHERE " + where);
                        ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    String[] names = new String[md.getColumnCount()];
                    for (int i = 0; i < names.length; i++) {
                        names[i] = md.getColumnName(i + 1);
                    }
                    columnsOf.put(table, names);
                    while (rs.next()) {
                        Object[] row = new Object[names.length];
                        for (int i = 0; i < names.length; i++) {
                            row[i] = rs.getObject(i + 1);
                            if (row[i] != null && !names[i].equals("ID_") && names[i].endsWith("ID_")
                                    && (names[i].contains("BYTEARRAY") || names[i].contains("STACK")
                                            || names[i].contains("CUSTOM_VALUES"))) {
                                throw new IllegalStateException("template row " + table + " refers to a byte array ("
                                        + names[i] + "); cloning does not copy ACT_GE_BYTEARRAY");
                            }
                        }
                        String id = rs.getString("ID_");
                        if (found.computeIfAbsent(table, k -> new LinkedHashMap<>()).putIfAbsent(id, row) == null) {
                            grew |= ids.add(id);
                        }
                    }
                }
            }
        }
        List<TableRows> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object[]>> e : found.entrySet()) {
            rows.add(new TableRows(e.getKey(), columnsOf.get(e.getKey()), new ArrayList<>(e.getValue().values())));
            if (sentinelLdt == null && e.getKey().equals("ACT_RU_TIMER_JOB")) {
                for (Object[] r : e.getValue().values()) {
                    int i = List.of(columnsOf.get(e.getKey())).indexOf("DUEDATE_");
                    if (r[i] instanceof LocalDateTime ldt && ldt.getYear() == 2037) {
                        sentinelLdt = ldt;
                    } else if (r[i] instanceof Timestamp ts && ts.toLocalDateTime().getYear() == 2037) {
                        sentinelLdt = ts.toLocalDateTime();
                    }
                }
            }
        }
        String taskId = db.rows("SELECT current_task_id FROM dispute WHERE id = ?", caseId).get(0)[0];
        if (taskId == null) {
            throw new IllegalStateException("template " + s + " has no mirrored task");
        }
        templates.put(s, new Template(s, caseId, pid, taskId, rows, ids));
    }

    /** Table name to rows per instance, for the README. */
    Map<String, Integer> rowsPerInstance(State s) {
        Map<String, Integer> m = new LinkedHashMap<>();
        templates.get(s).tables().forEach(t -> m.put(t.table(), t.rows().size()));
        return m;
    }

    /** Writes a copy of the state's template for one case; the rows go out in batches (flush with {@link #finish}). */
    Clone clone(State s, long caseId, String villageCode, String gridCode, Instant due) throws SQLException {
        Template t = templates.get(s);
        if (sentinelLdt == null) {
            throw new IllegalStateException("no sentinel timer found in the templates");
        }
        Map<String, String> idMap = new HashMap<>();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (String id : t.ids()) {
            idMap.put(id, new UUID(NEXT_ID.getAndIncrement() << 16 | 0x4000L, r.nextLong() & 0x3fffffffffffffffL
                    | 0x8000000000000000L).toString());
        }
        String tplCase = Long.toString(t.caseId());
        String caseStr = Long.toString(caseId);
        String township = villageCode.substring(0, 9);
        String county = villageCode.substring(0, 6);
        long sentinelMs = SENTINEL_DUE.toEpochMilli();
        long dueMs = due.toEpochMilli();
        LocalDateTime dueLdt = sentinelLdt.plus(Duration.between(SENTINEL_DUE, due));
        for (TableRows tr : t.tables()) {
            Db.Batch b = batches.get(tr.table());
            if (b == null) {
                b = db.batch(tr.table(), tr.columns());
                batches.put(tr.table(), b);
            }
            for (Object[] row : tr.rows()) {
                Object[] out = new Object[row.length];
                for (int i = 0; i < row.length; i++) {
                    Object v = row[i];
                    if (v instanceof String str) {
                        String mapped = idMap.get(str);
                        if (mapped != null) {
                            v = mapped;
                        } else if (str.equals(tplCase)) {
                            v = caseStr;
                        } else if (str.contains(T_COUNTY)) {
                            v = str.replace(T_GRID, gridCode).replace(T_VILLAGE, villageCode)
                                    .replace(T_TOWNSHIP, township).replace(T_COUNTY, county);
                        }
                    } else if (v instanceof Long l) {
                        if (l == t.caseId()) {
                            v = caseId;
                        } else if (l == sentinelMs) {
                            v = dueMs;
                        }
                    } else if (v instanceof LocalDateTime ldt && ldt.equals(sentinelLdt)) {
                        v = dueLdt;
                    } else if (v instanceof Timestamp ts && ts.toLocalDateTime().equals(sentinelLdt)) {
                        v = Timestamp.valueOf(dueLdt);
                    }
                    out[i] = v;
                }
                b.add(out);
                rowsWritten++;
            }
        }
        clones++;
        return new Clone(idMap.get(t.pid()), idMap.get(t.taskId()));
    }

    /** How the database stores an instant in a DATETIME column written by the engine (same JVM, same driver). */
    LocalDateTime stored(Instant i) {
        return sentinelLdt.plus(Duration.between(SENTINEL_DUE, i));
    }

    void finish() throws SQLException {
        for (Db.Batch b : batches.values()) {
            b.close();
        }
        batches.clear();
    }

    /** Removes the template instances and their cases (the audit rows their timers wrote stay: the chain is append-only). */
    void dropTemplates(ApplicationContext app) throws SQLException {
        RuntimeService runtime = app.getBean(RuntimeService.class);
        HistoryService history = app.getBean(HistoryService.class);
        for (Template t : templates.values()) {
            runtime.deleteProcessInstance(t.pid(), "bench template");
            history.deleteHistoricProcessInstance(t.pid());
        }
        for (String table : List.of("dispute_event", "notification", "supervision_order", "follow_up",
                "mediation_session", "dispute_party")) {
            db.update("DELETE FROM " + table + " WHERE dispute_id >= ?", T_CASE_BASE);
        }
        db.update("DELETE FROM dispute WHERE id >= ?", T_CASE_BASE);
    }
}
