package cn.sanling.report;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;

import cn.sanling.account.Actor;
import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.region.Region;
import cn.sanling.support.DatabaseTimeZone;
import cn.sanling.support.Masking;
import cn.sanling.support.PiiCipher;
import cn.sanling.support.ProblemException;

/**
 * The 台账 (ledger) of SPEC §5: the standard register of cases reported in a region and period, parties masked,
 * streamed to the response as the database streams the rows, so memory stays constant whatever the size.
 * <p>
 * One statement reads the whole export, a row per case, on a connection of its own (no transaction: a single
 * statement reads one consistent snapshot), on a reader thread of the export's own. The database produces rows while
 * the reader decodes them and the request's thread masks and writes the ones before, so the cores work at once; a
 * page per statement left one of them idle half the time (bench/README.md). The names of the mediators are looked up
 * on other connections while the stream is open, so at most {@code sanling.ledger.max-concurrent-exports} exports run
 * at a time: they can never hold every connection of the pool, and a province-wide export cannot starve the rest of
 * the application.
 */
@Service
public class LedgerService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LedgerService.class);

    /** The columns of SPEC §5, in order. */
    public static final List<String> COLUMNS = List.of("编号", "受理日期", "类别", "当事人", "纠纷简况", "调解层级", "调解员",
            "结果", "协议形式", "回访", "结案日期", "是否超期");

    private static final int SUMMARY_MAX = 200;
    /** Cases whose mediators' names are looked up together before they are written. */
    static final int BATCH_CASES = 1000;
    /** The statement of ReportMapper.xml that reads the rows. */
    private static final String LEDGER_ROWS = ReportMapper.class.getName() + ".ledger";

    private final ReportMapper mapper;
    private final Configuration mybatis;
    private final JdbcTemplate jdbc;
    private final StatisticsService statistics;
    private final PiiCipher pii;
    private final AuditLog audit;
    private final int maxExports;
    private final Semaphore exports;
    private final Duration exportWait;
    /** The zone whose wall time the stored DATETIMEs hold (see day). */
    private final ZoneId stored;
    /** A reader thread per running export (the permits bound them to {@code maxExports}). */
    private final ExecutorService readers;

    LedgerService(ReportMapper mapper, SqlSessionFactory sessions, JdbcTemplate jdbc, StatisticsService statistics,
            PiiCipher pii, AuditLog audit, @Value("${sanling.ledger.max-concurrent-exports:4}") int maxExports,
            @Value("${sanling.ledger.export-wait:PT10S}") Duration exportWait) {
        if (maxExports < 1) {
            throw new IllegalArgumentException("sanling.ledger.max-concurrent-exports must be at least 1");
        }
        this.mapper = mapper;
        this.mybatis = sessions.getConfiguration();
        this.jdbc = jdbc;
        this.statistics = statistics;
        this.pii = pii;
        this.audit = audit;
        this.maxExports = maxExports;
        this.exports = new Semaphore(maxExports, true);
        this.exportWait = exportWait;
        this.stored = DatabaseTimeZone.storedZone(jdbc.getDataSource());
        AtomicInteger n = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(maxExports, r -> {
            Thread t = new Thread(r, "ledger-reader-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void destroy() {
        readers.shutdownNow();
    }

    /** Exports running now (prepared and not yet closed). */
    int exportsRunning() {
        return maxExports - exports.availablePermits();
    }

    /**
     * A checked export request: what will be written, ready to stream. It holds one of the export permits until it is
     * closed.
     */
    public record Export(Region region, Period period, LedgerFormat format, Permit permit) implements AutoCloseable {

        @Override
        public void close() {
            permit.release();
        }

        /** 台账_湖滨区_20260101-20261231.xlsx */
        public String fileName() {
            return "台账_" + region.name() + "_" + period.firstDay().toString().replace("-", "") + "-"
                    + period.lastDay().toString().replace("-", "") + "." + format.extension();
        }

        /** An ASCII fallback for old clients: ledger-411202-20260101-20261231.xlsx */
        public String asciiFileName() {
            return "ledger-" + region.code() + "-" + period.firstDay().toString().replace("-", "") + "-"
                    + period.lastDay().toString().replace("-", "") + "." + format.extension();
        }
    }

    /** One export's claim on a place among the running exports; released once, however often it is closed. */
    public static final class Permit {
        private final Semaphore exports;
        private final AtomicBoolean held = new AtomicBoolean(true);

        private Permit(Semaphore exports) {
            this.exports = exports;
        }

        void release() {
            if (held.compareAndSet(true, false)) {
                exports.release();
            }
        }
    }

    /**
     * Checks role, region (404 outside scope), period and format, waits for a place among the running exports (503
     * when none frees up in time), and records the export in the audit log before a byte is written (an export that
     * fails half-way was still attempted). The caller closes the export when it is written.
     */
    public Export prepare(Actor actor, String format, String regionCode, String from, String to) {
        Region region = statistics.region(actor, regionCode);
        LedgerFormat f;
        try {
            f = format == null || format.isBlank() ? LedgerFormat.XLSX : LedgerFormat.valueOf(format.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("format", "xlsx or csv");
        }
        Period p = statistics.period(from, to);
        Permit permit = acquire();
        try {
            audit.record(AuditEvent.of(actor.username(), actor.roleName(), "LEDGER_EXPORT")
                    .target("LEDGER", region.code()).region(region.code())
                    .detail(f.extension() + " " + p.firstDay() + ".." + p.lastDay()));
        } catch (RuntimeException e) {
            permit.release();
            throw e;
        }
        return new Export(region, p, f, permit);
    }

    private Permit acquire() {
        try {
            if (exports.tryAcquire(exportWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Permit(exports);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "busy",
                "Too many ledger exports are running; try again in a minute", null).retryAfter(Duration.ofMinutes(1));
    }

    /**
     * Streams the ledger to {@code out} as the database streams its rows (one per case); returns the number of cases
     * written. A reader thread of the export's own takes the rows off the connection and decodes them a batch at a
     * time while this thread masks and writes the batch before: decoding was two fifths of the export's time in the
     * application, which was the slower side once the database's share fell (bench/README.md). Memory stays constant on
     * any database and export size: the driver's row buffer, a few batches of cases, the category names and the
     * mediators' names. Runs outside any transaction (see the class comment). Returns, or throws, only once the reader
     * has ended, so the export's place (and the reader's connection) is free when the caller closes the export.
     */
    public long write(Actor actor, Export export, OutputStream out) throws IOException {
        Map<String, Object> params = new HashMap<>();
        params.put("scope", actor.scope());
        params.put("region", statistics.area(export.region()));
        params.put("p", export.period());
        params.put("summaryMax", SUMMARY_MAX); // no more of the description is ever shown
        Handoff handoff = new Handoff();
        Future<?> reading = readers.submit(() -> read(params, handoff));
        try (LedgerFormat.SheetWriter sheet = export.format().open(out, "台账", COLUMNS)) {
            Names names = new Names();
            long count = 0;
            for (List<CaseLine> batch; (batch = handoff.take()) != null; ) {
                names.resolve(batch);
                for (CaseLine c : batch) {
                    sheet.row(row(c, names));
                }
                count += batch.size();
            }
            return count;
        } finally {
            // after the end a no-op; after a failure here (the client went away, a value that will not decrypt, ...)
            // the reader stops its statement and ends
            handoff.abandon();
            awaitEnd(reading);
        }
    }

    /** Runs the statement on the reader thread, handing the cases over a batch at a time, then the end or a failure. */
    private void read(Map<String, Object> params, Handoff handoff) {
        MappedStatement statement = mybatis.getMappedStatement(LEDGER_ROWS);
        BoundSql sql = statement.getBoundSql(params);
        Rows rows = new Rows(handoff);
        boolean told = false; // the writer learns how the reading ended, whatever happens
        try {
            jdbc.query(con -> {
                boolean mysql = con.getMetaData().getURL().startsWith("jdbc:mysql:");
                if (mysql) {
                    try (Statement session = con.createStatement()) {
                        // MySQL cuts a GROUP_CONCAT at 1,024 bytes by default (MariaDB at 1 MB); a case's parties
                        // (at most 50, ~60 bytes each) always fit in this
                        session.execute("SET SESSION group_concat_max_len = 1048576");
                        try (ResultSet id = session.executeQuery("SELECT CONNECTION_ID()")) {
                            id.next();
                            rows.connectionId = id.getLong(1);
                        }
                    }
                }
                PreparedStatement ps = con.prepareStatement(sql.getSql(), ResultSet.TYPE_FORWARD_ONLY,
                        ResultSet.CONCUR_READ_ONLY);
                // MySQL Connector/J streams the rows only with this fetch size (otherwise it reads the whole
                // result into memory first); other drivers take it as a row count
                ps.setFetchSize(mysql ? Integer.MIN_VALUE : BATCH_CASES);
                statement.getLang().createParameterHandler(statement, params, sql).setParameters(ps);
                return ps;
            }, rows);
            rows.handOver();
            handoff.end();
            told = true;
        } catch (RuntimeException e) {
            handoff.fail(e);
            told = true;
        } finally {
            if (!told) { // an Error on its way up
                handoff.fail(new IllegalStateException("The ledger's reader failed"));
            }
        }
    }

    /**
     * Waits for the reader; it ends soon after the last batch, or after its statement is stopped. Never throws: the
     * export's own outcome (its count, or the failure being thrown) stands.
     */
    private static void awaitEnd(Future<?> reading) {
        try {
            reading.get(READER_END_WAIT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.error("A ledger export's reader did not end; its connection may stay in use", e);
        }
    }

    /** How long an export waits for its reader to end after the last batch or a failure (a statement being stopped). */
    private static final long READER_END_WAIT_S = 60;

    /**
     * Batches of cases from the reader to the writer, at most {@link #QUEUED_BATCHES} waiting; then the end, or the
     * reader's failure. The writer abandons it when it is done: after a failure of the writer the reader then stops
     * its statement and ends.
     */
    private static final class Handoff {
        private static final Object END = new Object();
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        private volatile boolean abandoned;

        /** Puts a batch; false when the writer has given up. */
        boolean put(List<CaseLine> batch) {
            return offer(batch);
        }

        void end() {
            offer(END);
        }

        void fail(RuntimeException e) {
            offer(e);
        }

        private boolean offer(Object item) {
            try {
                while (!abandoned) {
                    if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }

        boolean abandoned() {
            return abandoned;
        }

        void abandon() {
            abandoned = true;
        }

        /** The next batch; null at the end; the reader's failure thrown here. */
        @SuppressWarnings("unchecked")
        List<CaseLine> take() throws IOException {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the ledger's rows");
            }
            if (item == END) {
                return null;
            }
            if (item instanceof RuntimeException failure) {
                throw failure;
            }
            return (List<CaseLine>) item;
        }
    }

    /** Batches read ahead of the one being written (a few thousand cases in memory at most). */
    static final int QUEUED_BATCHES = 4;

    /** One case of the ledger as read (the names of its category and mediator are looked up apart). */
    private static final class CaseLine {
        String caseNo, categoryCode, subCategoryCode, title, description, level, status, referTo, agreementType,
                mediator, mediatorName;
        /** Days in Period.ZONE. */
        LocalDate acceptedAt, closedAt, updatedAt;
        boolean everOverdue;
        Boolean fulfilled, satisfied;
        /** "ROLE name ROLE name ...", the names masked, in party order (V18); null on a case not back-filled yet. */
        String partiesMasked;
        /** Only without partiesMasked: "ROLE name_enc ROLE name_enc ...", in party order; null without parties. */
        String parties;
    }

    /** Reads the rows (a case each, in case order) on the reader thread and hands them over a batch at a time. */
    private final class Rows implements RowCallbackHandler {
        private final Handoff handoff;
        private List<CaseLine> batch = new ArrayList<>(BATCH_CASES);
        private int[] col;
        /** The server's id of the connection reading (MySQL, MariaDB), to stop its statement; -1 on other databases. */
        long connectionId = -1;
        Rows(Handoff handoff) {
            this.handoff = handoff;
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            if (col == null) {
                col = new int[LABELS.size()];
                for (int i = 0; i < col.length; i++) {
                    col[i] = rs.findColumn(LABELS.get(i));
                }
            }
            if (handoff.abandoned() || batch.size() == BATCH_CASES && !handOver()) {
                throw cancelled(rs, new ExportAbandoned());
            }
            CaseLine c = new CaseLine();
            c.caseNo = rs.getString(col[CASE_NO]);
            c.acceptedAt = day(rs, col[ACCEPTED_AT], stored);
            c.categoryCode = rs.getString(col[CATEGORY_CODE]);
            c.subCategoryCode = rs.getString(col[SUB_CATEGORY_CODE]);
            c.title = rs.getString(col[TITLE]);
            c.description = rs.getString(col[DESCRIPTION]);
            c.level = rs.getString(col[LEVEL]);
            c.status = rs.getString(col[STATUS]);
            c.referTo = rs.getString(col[REFER_TO]);
            c.agreementType = rs.getString(col[AGREEMENT_TYPE]);
            c.closedAt = day(rs, col[CLOSED_AT], stored);
            c.updatedAt = day(rs, col[UPDATED_AT], stored);
            c.everOverdue = rs.getBoolean(col[EVER_OVERDUE]);
            c.mediator = rs.getString(col[MEDIATOR]);
            c.fulfilled = bool(rs, col[FULFILLED]);
            c.satisfied = bool(rs, col[SATISFIED]);
            c.partiesMasked = rs.getString(col[PARTIES_MASKED]);
            c.parties = c.partiesMasked != null ? null : rs.getString(col[PARTIES]);
            batch.add(c);
        }

        /** Hands the cases read so far to the writer; false when it has given up. */
        boolean handOver() {
            if (batch.isEmpty()) {
                return true;
            }
            boolean taken = handoff.put(batch);
            batch = new ArrayList<>(BATCH_CASES);
            return taken;
        }

        /**
         * Stops the statement when the export fails half-way, so that closing it does not first read the rest (MySQL
         * Connector/J drains a streamed result on close). Connector/J's own {@code Statement.cancel} does nothing once
         * the rows are being read; the KILL QUERY it would send is sent here, on another connection (the id is the
         * server's number for the reading connection, not input).
         */
        private RuntimeException cancelled(ResultSet rs, RuntimeException failure) {
            try {
                if (connectionId >= 0) {
                    jdbc.execute("KILL QUERY " + connectionId);
                } else {
                    rs.getStatement().cancel();
                }
            } catch (SQLException | RuntimeException notCancelled) {
                failure.addSuppressed(notCancelled);
            }
            return failure;
        }
    }

    /** The writer failed (its own failure is what the export throws): the reader stops. */
    private static final class ExportAbandoned extends RuntimeException {
        ExportAbandoned() {
            super("the ledger's writer gave up", null, false, false);
        }
    }

    /** The column labels of the "ledger" statement, looked up once per export; indexes into it below. */
    private static final List<String> LABELS = List.of("case_no", "accepted_at", "category_code",
            "sub_category_code", "title", "description", "level", "status", "refer_to", "agreement_type", "closed_at",
            "updated_at", "ever_overdue", "mediator", "follow_up_fulfilled", "follow_up_satisfied", "parties_masked",
            "parties");
    private static final int CASE_NO = 0, ACCEPTED_AT = 1, CATEGORY_CODE = 2, SUB_CATEGORY_CODE = 3, TITLE = 4,
            DESCRIPTION = 5, LEVEL = 6, STATUS = 7, REFER_TO = 8, AGREEMENT_TYPE = 9, CLOSED_AT = 10, UPDATED_AT = 11,
            EVER_OVERDUE = 12, MEDIATOR = 13, FULFILLED = 14, SATISFIED = 15, PARTIES_MASKED = 16, PARTIES = 17;

    /**
     * Names by code for one export: every category (a few dozen, read once) and the mediators met so far (display
     * names, read a batch's unknown ones at a time, at most {@link #MAX_MEDIATORS} kept, ~16 MB). Joining app_user
     * per row instead cost MariaDB ~9 s more for the province's 1M cases (its every account, looked up at random).
     */
    private final class Names {
        static final int MAX_MEDIATORS = 100_000;
        private final Map<String, String> categories = new HashMap<>();
        private final Map<String, String> mediators = new HashMap<>(4096);

        Names() {
            for (ReportMapper.CodeName c : mapper.categoryNames()) {
                categories.put(c.code(), c.name());
            }
        }

        /**
         * Sets the display names of a batch's mediators, looking up those not known yet (a username without an account
         * stays). When the names known would exceed {@link #MAX_MEDIATORS} they are all forgotten first: a province's
         * cases name ~55k mediators at 1M cases, all kept; a bigger export only looks some up again.
         */
        void resolve(List<CaseLine> cases) {
            Set<String> unknown = new HashSet<>();
            for (CaseLine c : cases) {
                if (c.mediator != null && (c.mediatorName = mediators.get(c.mediator)) == null) {
                    unknown.add(c.mediator);
                }
            }
            if (unknown.isEmpty()) {
                return;
            }
            if (mediators.size() + unknown.size() > MAX_MEDIATORS) {
                mediators.clear();
            }
            lookUp(unknown);
            for (CaseLine c : cases) {
                if (c.mediator != null && c.mediatorName == null) {
                    c.mediatorName = mediators.get(c.mediator);
                }
            }
        }

        private void lookUp(Set<String> unknown) {
            for (ReportMapper.CodeName u : mapper.displayNames(unknown)) {
                mediators.put(u.code(), u.name());
            }
            for (String username : unknown) {
                mediators.putIfAbsent(username, username);
            }
        }

        String category(String code) {
            return code == null ? null : categories.get(code);
        }
    }

    private List<Object> row(CaseLine c, Names names) {
        String category = names.category(c.categoryCode);
        String sub = names.category(c.subCategoryCode);
        List<Object> cells = new ArrayList<>(COLUMNS.size());
        cells.add(c.caseNo);
        cells.add(day(c.acceptedAt));
        cells.add(sub == null ? category : category + "/" + sub);
        cells.add(c.partiesMasked != null ? parties(c.partiesMasked, false) : parties(c.parties, true));
        cells.add(summary(c.title, c.description));
        cells.add(level(c.level));
        cells.add(c.mediatorName);
        cells.add(result(c.status, c.referTo));
        cells.add(c.agreementType == null ? "" : "WRITTEN".equals(c.agreementType) ? "书面" : "口头");
        cells.add(c.fulfilled == null ? "" : (c.fulfilled ? "已履行" : "未履行") + "，"
                + (Boolean.TRUE.equals(c.satisfied) ? "满意" : "不满意"));
        cells.add(day(closedAt(c.status, c.closedAt, c.updatedAt)));
        cells.add(c.everOverdue ? "是" : "否");
        return cells;
    }

    /**
     * 张*（申请人）、李**（被申请人）: the masked names in party order, from "ROLE name ROLE name ...", whose names are
     * masked already or, with {@code encrypted}, are still to be decrypted and masked.
     */
    private String parties(String parties, boolean encrypted) {
        if (parties == null || parties.isEmpty()) {
            return "";
        }
        StringBuilder joined = new StringBuilder(64);
        int at = 0;
        while (at < parties.length()) {
            int roleEnd = parties.indexOf(' ', at);
            if (roleEnd < 0) {
                throw new IllegalStateException("Malformed parties of a ledger row");
            }
            int nameEnd = parties.indexOf(' ', roleEnd + 1);
            nameEnd = nameEnd < 0 ? parties.length() : nameEnd;
            if (joined.length() > 0) {
                joined.append('、');
            }
            if (encrypted) {
                joined.append(Masking.name(pii.decrypt(parties.substring(roleEnd + 1, nameEnd))));
            } else {
                joined.append(parties, roleEnd + 1, nameEnd);
            }
            joined.append('（').append(role(parties.substring(at, roleEnd))).append('）');
            at = nameEnd + 1;
        }
        return joined.toString();
    }

    /**
     * The day in Period.ZONE of a stored DATETIME, which holds the wall time of {@code stored}: UTC on MySQL and
     * MariaDB whatever the JVM's zone, the JVM's zone on H2 (DatabaseTimeZone.storedZone). Read as a LocalDateTime,
     * without a Calendar per value.
     */
    private static LocalDate day(ResultSet rs, int column, ZoneId stored) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        if (t == null) {
            return null;
        }
        return stored.equals(Period.ZONE) ? t.toLocalDate()
                : t.atZone(stored).withZoneSameInstant(Period.ZONE).toLocalDate();
    }

    private static Boolean bool(ResultSet rs, int column) throws SQLException {
        boolean b = rs.getBoolean(column);
        return rs.wasNull() ? null : b;
    }

    private static String summary(String title, String description) {
        String s = title + "：" + (description == null ? "" : description);
        return s.length() > SUMMARY_MAX ? s.substring(0, SUMMARY_MAX - 1) + "…" : s;
    }

    private static LocalDate closedAt(String status, LocalDate closedAt, LocalDate updatedAt) {
        if (closedAt != null) {
            return closedAt;
        }
        // a case ended without an agreement (rejected, referred, withdrawn) is closed when it ended
        return "REJECTED".equals(status) || "REFERRED".equals(status) || "WITHDRAWN".equals(status) ? updatedAt : null;
    }

    static String level(String level) {
        return level == null ? "" : switch (level) {
            case "VILLAGE" -> "村级";
            case "TOWNSHIP" -> "乡镇级";
            case "COUNTY" -> "县级";
            default -> level;
        };
    }

    static String status(String status) {
        return status == null ? "" : switch (status) {
            case "PENDING" -> "待受理";
            case "MEDIATING" -> "调解中";
            case "RESOLVED" -> "调解成功";
            case "CLOSED" -> "已结案";
            case "REJECTED" -> "不予受理";
            case "REFERRED" -> "已移送";
            case "WITHDRAWN" -> "已撤回";
            default -> status;
        };
    }

    private static String result(String status, String referTo) {
        if ("REFERRED".equals(status) && referTo != null) {
            return "移送" + switch (referTo) {
                case "LITIGATION" -> "诉讼";
                case "ARBITRATION" -> "仲裁";
                case "ADMINISTRATIVE" -> "行政处理";
                case "PETITION" -> "信访";
                case "POLICE" -> "公安";
                default -> referTo;
            };
        }
        return status(status);
    }

    private static String role(String role) {
        return role == null ? "" : switch (role) {
            case "APPLICANT" -> "申请人";
            case "RESPONDENT" -> "被申请人";
            default -> "其他";
        };
    }

    private static String day(LocalDate day) {
        return day == null ? "" : day.toString(); // yyyy-MM-dd
    }
}
