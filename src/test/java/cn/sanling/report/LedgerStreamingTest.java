package cn.sanling.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.support.PiiCipher;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;

/**
 * The ledger streams: 100,000 cases (inserted with JDBC batches into a village of their own) are exported as CSV
 * and as .xlsx while a sampler forces garbage collections and records the heap that stays alive. Loading the rows
 * into memory would keep ~100 MB alive; the stream keeps a few MB (a cursor batch and a 100-row SXSSF window).
 */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.MethodName.class)
class LedgerStreamingTest {

    static final int ROWS = 100_000;
    static final String PREFIX = "LDG-";
    /**
     * What the export may keep alive beyond the baseline. On a server database the export keeps a few MB (one page of
     * 1,000 cases, a 100-row SXSSF window, buffers). The embedded in-memory H2 of the test suite lives in the same heap
     * and grows its own page caches and result buffers while it is read, so its bound is looser; holding the 100,000
     * rows (≥ 120 MB as objects, far more as an in-memory workbook) fails both.
     */
    static final long MAX_RETAINED_BYTES = 48L * 1024 * 1024;
    static final long MAX_RETAINED_BYTES_H2_IN_MEMORY = 96L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(LedgerStreamingTest.class);

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PiiCipher pii;
    @Autowired
    LedgerService ledger;

    String village;
    String grid;

    @BeforeAll
    void insertManyCases() {
        var v = TestArea.children(api, "411202004").get(1);
        village = v.get("code").asString();
        grid = TestArea.children(api, village).get(0).get("code").asString();
        long t0 = System.nanoTime();
        Timestamp at = Timestamp.from(Instant.now().minusSeconds(3600));
        List<Object[]> cases = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            String status = i % 3 == 0 ? "CLOSED" : i % 3 == 1 ? "MEDIATING" : "PENDING";
            cases.add(new Object[] {PREFIX + String.format("%09d", i), "流式导出测试纠纷 " + i, "批量插入的测试数据，用于验证台账流式导出。",
                    "NEIGHBOUR", "411202", village, grid, grid, "VISIT", "BLUE", status, "VILLAGE", i % 10 == 0,
                    "loadtest", at, status.equals("PENDING") ? null : at, status.equals("CLOSED") ? at : null, at,
                    status.equals("CLOSED") ? "WRITTEN" : null});
            if (cases.size() == 5000) {
                insertCases(cases);
                cases.clear();
            }
        }
        insertCases(cases);
        String nameEnc = pii.encrypt("王小明");
        String nameHash = pii.hash("王小明");
        List<Long> ids = jdbc.queryForList("SELECT id FROM dispute WHERE case_no LIKE ? ORDER BY id", Long.class,
                PREFIX + "%");
        assertThat(ids).hasSize(ROWS);
        List<Object[]> parties = new ArrayList<>();
        for (Long id : ids) {
            parties.add(new Object[] {id, "APPLICANT", nameEnc, nameHash});
            if (parties.size() == 5000) {
                jdbc.batchUpdate("INSERT INTO dispute_party (dispute_id, role, name_enc, name_hash) VALUES (?, ?, ?, ?)",
                        parties);
                parties.clear();
            }
        }
        jdbc.batchUpdate("INSERT INTO dispute_party (dispute_id, role, name_enc, name_hash) VALUES (?, ?, ?, ?)", parties);
        log.info("Inserted {} cases with parties in {} ms", ROWS, (System.nanoTime() - t0) / 1_000_000);
    }

    private void insertCases(List<Object[]> rows) {
        jdbc.batchUpdate("INSERT INTO dispute (case_no, title, description, category_code, county_code, village_code, "
                + "grid_code, region_code, source, risk_level, status, level, ever_overdue, reported_by, reported_at, "
                + "accepted_at, closed_at, updated_at, agreement_type, version) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", rows);
    }

    /**
     * Embedded H2 (not the server databases) materialises a query's result in the application's heap up to
     * MAX_MEMORY_ROWS (by default 40,000 rows per GB of maximum heap, so ~240,000 in a test JVM) before spilling to a
     * temporary file. That is H2's buffer, not the export's: cap it as a small heap would, so the measurement sees
     * what the export itself keeps.
     */
    @BeforeAll
    void capH2ResultBuffer() {
        if (isH2()) {
            h2MaxMemoryRows = Integer.toString(org.h2.engine.SysProperties.MAX_MEMORY_ROWS);
            jdbc.execute("SET MAX_MEMORY_ROWS 10000");
        }
    }

    String h2MaxMemoryRows;

    boolean isH2() {
        return Boolean.TRUE.equals(jdbc.execute((java.sql.Connection c) ->
                c.getMetaData().getDatabaseProductName().toLowerCase().contains("h2")));
    }

    @AfterAll
    void removeThem() {
        if (h2MaxMemoryRows != null) {
            jdbc.execute("SET MAX_MEMORY_ROWS " + Integer.parseInt(h2MaxMemoryRows));
        }
        jdbc.update("DELETE FROM dispute_party WHERE dispute_id IN (SELECT id FROM dispute WHERE case_no LIKE ?)",
                PREFIX + "%");
        jdbc.update("DELETE FROM dispute WHERE case_no LIKE ?", PREFIX + "%");
    }

    @Test
    void csv_of_100k_cases_streams_in_constant_memory() throws Exception {
        Measured m = export("csv", in -> {
            long lines = 0;
            long masked = 0;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines++;
                    if (line.contains("王**（申请人）")) {
                        masked++;
                    }
                }
            }
            assertThat(masked).isEqualTo(ROWS);
            return lines;
        });
        assertThat(m.count()).isEqualTo(ROWS + 1);
        assertThat(m.retainedBytes()).as("heap kept alive while exporting")
                .isLessThan(isH2() ? MAX_RETAINED_BYTES_H2_IN_MEMORY : MAX_RETAINED_BYTES);
    }

    /**
     * A download broken off after its first lines ends the export on the server (the statement is cancelled, its
     * place among the running exports freed) instead of streaming the other 100,000 rows into a closed socket; the
     * next export is whole.
     */
    @Test
    void csv_broken_off_ends_its_export_and_the_next_one_is_whole() throws Exception {
        long killsBefore = killQueries();
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(ledgerRequest("csv"),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (int i = 0; i < 100; i++) {
                assertThat(lines.readLine()).isNotNull();
            }
        } // closing the body before its end closes the connection
        assertExportEndedAndItsStatementKilled("the download was broken off", killsBefore);
        Measured whole = export("csv", in -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return lines.lines().count();
            }
        });
        assertThat(whole.count()).isEqualTo(ROWS + 1);
    }

    /**
     * A case in the middle whose party name will not decrypt ends the export there: the client gets a broken-off
     * file, never a whole-looking one; the statement is stopped rather than read to its end (on MariaDB a KILL QUERY is
     * sent); the export's place is freed.
     */
    @Test
    void csv_ends_where_a_value_will_not_decrypt_and_the_statement_is_cancelled() throws Exception {
        long middle = jdbc.queryForObject("SELECT id FROM dispute WHERE case_no = ?", Long.class,
                PREFIX + String.format("%09d", ROWS / 2));
        jdbc.update("INSERT INTO dispute_party (dispute_id, role, name_enc, name_hash) VALUES (?, 'RESPONDENT', ?, ?)",
                middle, "bm90IGEgY2lwaGVydGV4dCBhdCBhbGwsIGp1c3QgdGV4dA==", "x");
        try {
            long killsBefore = killQueries();
            HttpResponse<InputStream> r = HttpClient.newHttpClient().send(ledgerRequest("csv"),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200); // the first rows were on their way before the failure
            long lines = 0;
            boolean broken = false;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                while (in.readLine() != null) {
                    lines++;
                }
            } catch (java.io.IOException e) {
                broken = true;
            }
            assertThat(broken).as("the response is broken off (a client cannot take it for a whole file), %d lines",
                    lines).isTrue();
            // the header and the cases before the failing one at most
            assertThat(lines).as("lines before the failing case").isLessThanOrEqualTo(ROWS / 2 + 1);
            assertExportEndedAndItsStatementKilled("the failure", killsBefore);
        } finally {
            jdbc.update("DELETE FROM dispute_party WHERE dispute_id = ? AND name_hash = 'x'", middle);
        }
    }

    /**
     * The database ending the export's statement half-way (here a KILL QUERY from outside; a restart or a dropped
     * connection alike) ends the export there: the reader's failure reaches the writer, the client gets a broken-off
     * file, and the export's place is freed. MariaDB only: the embedded H2 has no statement still sending rows to stop.
     */
    @Test
    @Timeout(120) // a reader's failure that never reached the writer would leave the download waiting
    @EnabledIfSystemProperty(named = "sanling.test.db", matches = "mariadb")
    void csv_ends_where_the_database_stops_the_statement() throws Exception {
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(ledgerRequest("csv"),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        long lines = 0;
        boolean broken = false;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (; lines < 100; lines++) {
                assertThat(in.readLine()).isNotNull();
            }
            // the client has stopped reading, so the statement is still sending its rows
            List<Long> reading = jdbc.queryForList("SELECT id FROM information_schema.processlist WHERE info LIKE "
                    + "'%parties_masked%' AND info NOT LIKE '%processlist%'", Long.class);
            assertThat(reading).as("the export's statement").hasSize(1);
            jdbc.execute("KILL QUERY " + reading.get(0));
            while (in.readLine() != null) {
                lines++;
            }
        } catch (java.io.IOException e) {
            broken = true;
        }
        assertThat(broken).as("the response is broken off, %d lines", lines).isTrue();
        assertThat(lines).isLessThan(ROWS + 1);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (ledger.exportsRunning() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ledger.exportsRunning()).isZero();
    }

    /** The export's place is freed and, on MariaDB, a KILL QUERY was sent for its statement (not drained). */
    private void assertExportEndedAndItsStatementKilled(String after, long killsBefore) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (ledger.exportsRunning() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ledger.exportsRunning()).as("exports still running after %s", after).isZero();
        if (!isH2()) {
            assertThat(killQueries()).as("KILL QUERY sent for the export's statement").isGreaterThan(killsBefore);
        }
    }

    /** MariaDB's count of KILL statements so far (the export stops its statement with KILL QUERY); 0 on H2. */
    private long killQueries() {
        if (isH2()) {
            return 0;
        }
        return jdbc.queryForObject("SHOW GLOBAL STATUS LIKE 'Com_kill'", (rs, i) -> rs.getLong(2));
    }

    @Test
    void xlsx_of_100k_cases_streams_in_constant_memory() throws Exception {
        Measured m = export("xlsx", in -> {
            long rows = 0;
            // commons-compress reads the data descriptors SXSSF writes to a non-seekable stream (java.util.zip does not)
            try (ZipArchiveInputStream zip = new ZipArchiveInputStream(in)) {
                for (ZipArchiveEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                        rows = countRows(zip);
                    }
                }
            }
            return rows;
        });
        assertThat(m.count()).isEqualTo(ROWS + 1);
        assertThat(m.retainedBytes()).as("heap kept alive while exporting")
                .isLessThan(isH2() ? MAX_RETAINED_BYTES_H2_IN_MEMORY : MAX_RETAINED_BYTES);
    }

    /** Counts {@code <row } in a stream without holding it. */
    private static long countRows(InputStream in) throws Exception {
        byte[] pattern = "<row ".getBytes(StandardCharsets.US_ASCII);
        long n = 0;
        int matched = 0;
        byte[] buf = new byte[64 * 1024];
        for (int len = in.read(buf); len > 0; len = in.read(buf)) {
            for (int i = 0; i < len; i++) {
                matched = buf[i] == pattern[matched] ? matched + 1 : buf[i] == pattern[0] ? 1 : 0;
                if (matched == pattern.length) {
                    n++;
                    matched = 0;
                }
            }
        }
        return n;
    }

    interface Reader {
        long read(InputStream in) throws Exception;
    }

    record Measured(long count, long retainedBytes) {
    }

    private HttpRequest ledgerRequest(String format) {
        return HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/ledger?format=" + format + "&regionCode="
                + village)).header("Authorization", "Bearer " + api.login("sup_hubin")).build();
    }

    private Measured export(String format, Reader reader) throws Exception {
        System.gc();
        long baseline = liveHeap();
        AtomicLong peak = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                System.gc();
                peak.accumulateAndGet(liveHeap(), Math::max);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        long t0 = System.nanoTime();
        sampler.start();
        long count;
        long bytes;
        try {
            HttpResponse<InputStream> r = HttpClient.newHttpClient().send(ledgerRequest(format),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            CountingStream in = new CountingStream(r.body());
            count = reader.read(in);
            bytes = in.count;
        } finally {
            running.set(false);
            sampler.join();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long retained = Math.max(0, peak.get() - baseline);
        log.info("Ledger {}: {} rows, {} bytes in {} ms ({} rows/s); heap baseline {} MB, retained at most {} MB",
                format, count - 1, bytes, ms, (count - 1) * 1000 / Math.max(ms, 1), baseline >> 20, retained >> 20);
        return new Measured(count, retained);
    }

    /**
     * The heap that survived the last full collection: each pool's usage right after it was collected, so objects
     * allocated since (by the export running at the same time) do not count.
     */
    private static long liveHeap() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                live += pool.getCollectionUsage().getUsed();
            }
        }
        return live;
    }

    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
