package cn.sanling.report;

import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import javax.sql.DataSource;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.sun.management.GarbageCollectionNotificationInfo;

import cn.sanling.SanlingApplication;
import cn.sanling.support.PiiCipher;

/**
 * Throughput of the 台账 export on MariaDB, outside the test suite (no timing assertions anywhere): loads
 * {@code cases} cases into 三门峡 (parties, timeline, follow-ups, mediators) into a database of its own once, then
 * exports the whole city as CSV over HTTP a few times (and once as .xlsx) and prints rows/s, the live heap after
 * collections, and a SHA-256 of the body, so two builds can be compared for speed and for identical output.
 *
 * <pre>
 * mvn -o -q -DskipTests package &amp;&amp; java -Djarmode=tools -jar target/sanling-*.jar extract --destination /tmp/app
 * java -Xmx1g -cp target/classes:target/test-classes:'/tmp/app/lib/*' cn.sanling.report.LedgerThroughput \
 *     sanling_ledger 200000 3
 * </pre>
 * The database is created when missing and never dropped here (drop it when done). The PII key is fixed so the loaded
 * names decrypt in every later run.
 */
public final class LedgerThroughput {

    private static final String SERVER = "jdbc:mysql://127.0.0.1:3306/";
    private static final String OPTIONS = "?nullCatalogMeansCurrent=true&rewriteBatchedStatements=true"
            + "&cachePrepStmts=true&prepStmtCacheSize=250&prepStmtCacheSqlLimit=4096&useLocalSessionState=true"
            + "&characterEncoding=UTF-8";
    private static final String USER = "ledger_bench_sup";
    private static final String PASSWORD = "Ledger-Bench-2026";

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "sanling_ledger";
        int cases = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String formats = args.length > 3 ? args[3] : "csv,xlsx";
        if (!db.matches("[a-z0-9_]+") || db.equals("test")) {
            throw new IllegalArgumentException("database: a plain name of its own, not " + db);
        }
        try (Connection c = DriverManager.getConnection(SERVER, "root", "")) {
            c.createStatement().execute("CREATE DATABASE IF NOT EXISTS " + db + " CHARACTER SET utf8mb4");
        }
        byte[] key = MessageDigest.getInstance("SHA-256").digest("ledger-bench".getBytes(StandardCharsets.UTF_8));
        String[] props = {
            "--spring.datasource.url=" + SERVER + db + OPTIONS, "--spring.datasource.username=root",
            "--spring.datasource.password=", "--server.port=0",
            "--sanling.security.jwt-secret=" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-384").digest("ledger-bench-jwt".getBytes(StandardCharsets.UTF_8))),
            "--sanling.pii.key=" + Base64.getEncoder().encodeToString(key), "--sanling.demo.enabled=false",
            "--spring.main.banner-mode=off", "--logging.level.root=WARN", "--flowable.async-executor-activate=false"};
        long boot = System.nanoTime();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(SanlingApplication.class).profiles("mysql")
                .run(props);
        System.out.printf("boot (incl. migrations) %.1f s%n", (System.nanoTime() - boot) / 1e9);
        try {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            Long have = jdbc.queryForObject("SELECT COUNT(*) FROM dispute", Long.class);
            if (have < cases) {
                new Loader(app.getBean(DataSource.class), app.getBean(PiiCipher.class), jdbc).load(cases - have.intValue());
            }
            if (jdbc.queryForObject("SELECT COUNT(*) FROM app_user WHERE username = ?", Long.class, USER) == 0) {
                Timestamp now = Timestamp.from(Instant.now());
                jdbc.update("INSERT INTO app_user (username, display_name, password_hash, role, region_code, created_at, "
                        + "updated_at) VALUES (?, '台账测速', ?, 'SUPERVISOR', '4112', ?, ?)", USER,
                        app.getBean(PasswordEncoder.class).encode(PASSWORD), now, now);
            }
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            HttpClient http = HttpClient.newHttpClient();
            String token = token(http, port);
            String q = "regionCode=4112&from=" + LocalDate.now().minusYears(3) + "&to=" + LocalDate.now().plusDays(1);
            for (String format : formats.split(",")) {
                for (int i = 0; i < (format.equals("csv") ? runs : 1); i++) {
                    export(http, port, token, "format=" + format + "&" + q, format);
                }
            }
        } finally {
            app.close();
        }
    }

    private static String token(HttpClient http, int port) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token: " + r.statusCode() + " " + r.body());
        }
        String body = r.body();
        int at = body.indexOf("\"accessToken\":\"") + 15;
        return body.substring(at, body.indexOf('"', at));
    }

    private static void export(HttpClient http, int port, String token, String query, String format) throws Exception {
        System.gc();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long lines = 0;
        long bytes = 0;
        double seconds;
        try (HeapPeak heap = new HeapPeak()) {
            long t0 = System.nanoTime();
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/ledger?" + query))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(30)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("ledger: HTTP " + r.statusCode());
            }
            byte[] buf = new byte[65536];
            if (format.equals("csv")) {
                try (InputStream in = r.body()) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        bytes += n;
                        sha.update(buf, 0, n);
                        for (int i = 0; i < n; i++) {
                            if (buf[i] == '\n') {
                                lines++;
                            }
                        }
                    }
                }
            } else {
                // the sheet's XML (the zip itself carries time stamps)
                try (ZipArchiveInputStream zip = new ZipArchiveInputStream(r.body())) {
                    for (ZipArchiveEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                        boolean sheet = e.getName().startsWith("xl/worksheets/");
                        for (int n; (n = zip.read(buf)) > 0; ) {
                            bytes += n;
                            if (sheet) {
                                sha.update(buf, 0, n);
                                for (int i = 0; i + 4 < n; i++) {
                                    if (buf[i] == '<' && buf[i + 1] == 'r' && buf[i + 2] == 'o' && buf[i + 3] == 'w'
                                            && buf[i + 4] == ' ') {
                                        lines++;
                                    }
                                }
                            }
                        }
                    }
                }
            }
            seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%s: %d rows, %.1f MB in %.2f s = %.0f rows/s; heap live peak %.0f MB (sampled %.0f MB, "
                    + "%d GCs); sha256 %s%n", format, lines - 1, bytes / 1e6, seconds, (lines - 1) / seconds,
                    heap.liveMb(), heap.sampledMb(), heap.collections, HexFormat.of().formatHex(sha.digest()).substring(0, 16));
        }
    }

    /** The heap in use right after each collection (the live set) and sampled, over the export. */
    private static final class HeapPeak implements AutoCloseable {
        private final List<NotificationEmitter> emitters = new ArrayList<>();
        private final NotificationListener listener;
        private final Thread sampler;
        private volatile boolean running = true;
        private volatile long live = -1;
        private volatile long sampled;
        private volatile int collections;

        HeapPeak() {
            listener = (n, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    String p = e.getKey();
                    if (p.contains("Eden") || p.contains("Survivor") || p.contains("Old") || p.contains("Humongous")) {
                        used += e.getValue().getUsed();
                    }
                }
                collections++;
                live = Math.max(live, used);
            };
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter e) {
                    e.addNotificationListener(listener, null, null);
                    emitters.add(e);
                }
            }
            sampler = new Thread(() -> {
                while (running) {
                    sampled = Math.max(sampled, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
        }

        double liveMb() {
            return (live >= 0 ? live : sampled) / 1048576.0;
        }

        double sampledMb() {
            return sampled / 1048576.0;
        }

        @Override
        public void close() throws Exception {
            running = false;
            sampler.join();
            for (NotificationEmitter e : emitters) {
                e.removeNotificationListener(listener);
            }
        }
    }

    /**
     * Cases spread over 三门峡's villages and the last two years, shaped like the bench's province: ~90% finished
     * (closed, a few referred, withdrawn, rejected), some escalated once or twice (a mediator per level), some
     * reopened after a follow-up that found the agreement unfulfilled; 2-3 parties from a pool of encrypted names.
     */
    private static final class Loader {
        private static final String[][] CATEGORIES = {
            {"NEIGHBOUR", "NEIGHBOUR_HOMESTEAD", "NEIGHBOUR_PASSAGE", "NEIGHBOUR_NOISE"},
            {"FAMILY", "FAMILY_MARRIAGE", "FAMILY_ELDER_SUPPORT", "FAMILY_INHERITANCE"},
            {"DEBT", "DEBT_PRIVATE_LOAN", "DEBT_WAGE_ARREARS"}, {"PROPERTY", "PROPERTY_FEE", "PROPERTY_PARKING"},
            {"EMOTIONAL", "EMOTIONAL_ROMANCE"}, {"OTHER", null}};
        private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗欧";
        private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂";
        private static final String[] LEVELS = {"VILLAGE", "TOWNSHIP", "COUNTY"};

        private final DataSource ds;
        private final PiiCipher pii;
        private final JdbcTemplate jdbc;
        private final Random random = new Random(42);

        Loader(DataSource ds, PiiCipher pii, JdbcTemplate jdbc) {
            this.ds = ds;
            this.pii = pii;
            this.jdbc = jdbc;
        }

        void load(int n) throws Exception {
            long t0 = System.nanoTime();
            List<String> villages = jdbc.queryForList(
                    "SELECT code FROM region WHERE level = 'VILLAGE' AND code LIKE '4112%' ORDER BY code", String.class);
            String[][] pool = new String[4096][];
            for (int i = 0; i < pool.length; i++) {
                String name = SURNAMES.charAt(random.nextInt(SURNAMES.length())) + ""
                        + GIVEN.charAt(random.nextInt(GIVEN.length()))
                        + (random.nextBoolean() ? "" + GIVEN.charAt(random.nextInt(GIVEN.length())) : "");
                pool[i] = new String[] {pii.encrypt(name), pii.hash(name), name};
            }
            long firstId = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM dispute", Long.class) + 1;
            Timestamp created = Timestamp.from(Instant.now());
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("SET SESSION foreign_key_checks = 0");
                    s.execute("SET SESSION unique_checks = 0");
                }
                // one mediator account per village, township and county
                try (PreparedStatement u = c.prepareStatement("INSERT IGNORE INTO app_user (username, display_name, "
                        + "password_hash, role, region_code, created_at, updated_at) VALUES (?, ?, 'x', 'MEDIATOR', ?, ?, ?)")) {
                    java.util.Set<String> done = new java.util.HashSet<>();
                    for (String v : villages) {
                        for (String r : new String[] {v, v.substring(0, 9), v.substring(0, 6)}) {
                            if (done.add(r)) {
                                u.setString(1, "med_" + r);
                                u.setString(2, "调解员" + r.substring(4));
                                u.setString(3, r);
                                u.setTimestamp(4, created);
                                u.setTimestamp(5, created);
                                u.addBatch();
                            }
                        }
                    }
                    u.executeBatch();
                }
                PreparedStatement d = c.prepareStatement("INSERT INTO dispute (id, case_no, title, description, "
                        + "category_code, sub_category_code, county_code, village_code, grid_code, region_code, source, "
                        + "risk_level, status, level, reported_by, reported_at, accepted_at, resolved_at, closed_at, "
                        + "updated_at, agreement_type, agreement_text, fulfilment, refer_to, ever_overdue, version) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'VISIT', 'BLUE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)");
                PreparedStatement p = c.prepareStatement("INSERT INTO dispute_party (dispute_id, role, name_enc, name_hash) "
                        + "VALUES (?, ?, ?, ?)");
                PreparedStatement e = c.prepareStatement("INSERT INTO dispute_event (dispute_id, at, actor, action, "
                        + "from_status, to_status, level, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement f = c.prepareStatement("INSERT INTO follow_up (dispute_id, at, actor, fulfilled, "
                        + "satisfied, note) VALUES (?, ?, ?, ?, ?, ?)");
                Instant now = Instant.now();
                long span = Duration.ofDays(720).toSeconds();
                for (int i = 0; i < n; i++) {
                    long id = firstId + i;
                    String village = villages.get(random.nextInt(villages.size()));
                    String grid = village + "00" + (1 + random.nextInt(3));
                    String reporter = "gw_" + grid;
                    // id order is report order, as in real life
                    Instant reported = now.minusSeconds(span - span * i / n + 3600);
                    String[] cat = CATEGORIES[random.nextInt(CATEGORIES.length)];
                    String sub = cat[1 + random.nextInt(cat.length - 1)];
                    String[] a = pool[random.nextInt(pool.length)];
                    String[] b = pool[random.nextInt(pool.length)];
                    int roll = random.nextInt(1000);
                    boolean open = roll >= 900;
                    String status = open ? (roll < 912 ? "PENDING" : roll < 967 ? "MEDIATING" : "RESOLVED")
                            : roll < 33 ? "REJECTED" : roll < 89 ? "REFERRED" : roll < 133 ? "WITHDRAWN" : "CLOSED";
                    int top = random.nextInt(100) < 72 ? 0 : random.nextInt(100) < 78 ? 1 : 2;
                    Instant t = reported.plusSeconds(3600);
                    event(e, id, reported, reporter, "REPORT", null, "PENDING", "VILLAGE", "source=VISIT");
                    Instant accepted = null;
                    Instant resolved = null;
                    Instant closed = null;
                    String agreement = null;
                    String referTo = null;
                    int level = 0;
                    if (!status.equals("REJECTED") && !(status.equals("PENDING") && top == 0)) {
                        accepted = t;
                        for (level = 0; ; level++) {
                            if (status.equals("PENDING") && level == top) {
                                break;
                            }
                            event(e, id, t, mediator(village, level), "ACCEPT", "PENDING", "MEDIATING", LEVELS[level], null);
                            t = t.plusSeconds(86_400);
                            if (level == top) {
                                break;
                            }
                            event(e, id, t, mediator(village, level), "ESCALATE", "MEDIATING", "PENDING",
                                    LEVELS[level + 1], "调解未果，上报上级");
                            t = t.plusSeconds(3600);
                        }
                        event(e, id, t, mediator(village, level), "RECORD_SESSION", "MEDIATING", "MEDIATING",
                                LEVELS[level], "调解笔录");
                    } else if (status.equals("REJECTED")) {
                        event(e, id, t, mediator(village, 0), "REJECT", "PENDING", "REJECTED", "VILLAGE", "不属于受理范围");
                    }
                    if (status.equals("REFERRED") || status.equals("WITHDRAWN")) {
                        referTo = status.equals("REFERRED") ? new String[] {"LITIGATION", "ARBITRATION", "POLICE"}[random.nextInt(3)] : null;
                        event(e, id, t, mediator(village, level), status.equals("REFERRED") ? "REFER" : "WITHDRAW",
                                "MEDIATING", status, LEVELS[level], "调解不成");
                    }
                    if (status.equals("RESOLVED") || status.equals("CLOSED")) {
                        agreement = random.nextInt(10) < 7 ? "WRITTEN" : "ORAL";
                        resolved = t;
                        event(e, id, t, mediator(village, level), "RESOLVE", "MEDIATING", "RESOLVED", LEVELS[level],
                                agreement + "/IMMEDIATE");
                        if (status.equals("CLOSED")) {
                            t = t.plusSeconds(86_400 * 5);
                            if (random.nextInt(30) == 0) {
                                // reopened: not fulfilled, mediated again and resolved by the same level's mediator
                                followUp(f, e, id, t, reporter, false, false, level);
                                t = t.plusSeconds(86_400);
                                event(e, id, t, mediator(village, level), "RESOLVE", "MEDIATING", "RESOLVED",
                                        LEVELS[level], agreement + "/IMMEDIATE");
                                t = t.plusSeconds(86_400 * 5);
                            }
                            followUp(f, e, id, t, reporter, true, random.nextInt(10) > 0, level);
                            closed = t;
                        }
                    }
                    Instant updated = closed != null ? closed : t;
                    String subName = sub == null ? "其他" : sub.substring(sub.indexOf('_') + 1).toLowerCase();
                    int k = 1;
                    d.setLong(k++, id);
                    d.setString(k++, String.format("%s-%d-%07d", village.substring(0, 6), 2000 + (int) (id / 10_000_000), id));
                    d.setString(k++, subName + "纠纷：" + a[2] + "与" + b[2]);
                    d.setString(k++, "村民" + a[2] + "与" + b[2] + "因" + subName + "问题发生纠纷，双方多次协商未果，"
                            + "情绪较为激动。网格员入户走访时发现并登记，已初步稳控，建议尽快组织调解，防止矛盾激化。"
                            + (random.nextBoolean() ? "当事人表示愿意接受调解。" : "一方当事人要求村委会出面主持公道。"));
                    d.setString(k++, cat[0]);
                    d.setString(k++, sub);
                    d.setString(k++, village.substring(0, 6));
                    d.setString(k++, village);
                    d.setString(k++, grid);
                    d.setString(k++, grid);
                    d.setString(k++, status);
                    d.setString(k++, LEVELS[level]);
                    d.setString(k++, reporter);
                    d.setTimestamp(k++, Timestamp.from(reported));
                    d.setTimestamp(k++, accepted == null ? null : Timestamp.from(accepted));
                    d.setTimestamp(k++, resolved == null ? null : Timestamp.from(resolved));
                    d.setTimestamp(k++, closed == null ? null : Timestamp.from(closed));
                    d.setTimestamp(k++, Timestamp.from(updated.isAfter(now) ? now : updated));
                    d.setString(k++, agreement);
                    d.setString(k++, agreement == null ? null : "经调解，双方自愿达成如下协议。");
                    d.setString(k++, agreement == null ? null : "IMMEDIATE");
                    d.setString(k++, referTo);
                    d.setBoolean(k++, random.nextInt(20) == 0);
                    d.addBatch();
                    party(p, id, "APPLICANT", a);
                    party(p, id, "RESPONDENT", b);
                    if (random.nextInt(7) == 0) {
                        party(p, id, "OTHER", pool[random.nextInt(pool.length)]);
                    }
                    if ((i + 1) % 2000 == 0 || i == n - 1) {
                        d.executeBatch();
                        p.executeBatch();
                        e.executeBatch();
                        f.executeBatch();
                        c.commit();
                        if ((i + 1) % 50_000 == 0) {
                            System.out.printf("loaded %d cases in %.0f s%n", i + 1, (System.nanoTime() - t0) / 1e9);
                        }
                    }
                }
                try (Statement s = c.createStatement()) {
                    for (String t : List.of("dispute", "dispute_party", "dispute_event", "follow_up", "app_user")) {
                        s.execute("ANALYZE TABLE " + t);
                    }
                }
                c.commit();
            }
            System.out.printf("loaded %d cases in %.0f s%n", n, (System.nanoTime() - t0) / 1e9);
        }

        private static String mediator(String village, int level) {
            return "med_" + village.substring(0, level == 0 ? 12 : level == 1 ? 9 : 6);
        }

        private static void event(PreparedStatement e, long id, Instant at, String actor, String action, String from,
                String to, String level, String note) throws Exception {
            e.setLong(1, id);
            e.setTimestamp(2, Timestamp.from(at));
            e.setString(3, actor);
            e.setString(4, action);
            e.setString(5, from);
            e.setString(6, to);
            e.setString(7, level);
            e.setString(8, note);
            e.addBatch();
        }

        private static void followUp(PreparedStatement f, PreparedStatement e, long id, Instant at, String actor,
                boolean fulfilled, boolean satisfied, int level) throws Exception {
            f.setLong(1, id);
            f.setTimestamp(2, Timestamp.from(at));
            f.setString(3, actor);
            f.setBoolean(4, fulfilled);
            f.setBoolean(5, satisfied);
            f.setString(6, fulfilled ? "协议已履行" : "未履行");
            f.addBatch();
            event(e, id, at, actor, "FOLLOW_UP", "RESOLVED", fulfilled ? "CLOSED" : "MEDIATING", LEVELS[level],
                    "fulfilled=" + fulfilled + ", satisfied=" + satisfied);
        }

        private static void party(PreparedStatement p, long id, String role, String[] party) throws Exception {
            p.setLong(1, id);
            p.setString(2, role);
            p.setString(3, party[0]);
            p.setString(4, party[1]);
            p.addBatch();
        }
    }
}
