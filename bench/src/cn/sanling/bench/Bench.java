package cn.sanling.bench;

import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.flowable.engine.RuntimeService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import cn.sanling.SanlingApplication;
import cn.sanling.account.Role;
import cn.sanling.account.UserFilter;
import cn.sanling.bench.ProcessTemplates.State;
import cn.sanling.dispute.CaseStatus;
import cn.sanling.dispute.FinishedCaseCountsMigration;
import cn.sanling.support.PiiCipher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The province-scale benchmark of issue 8 (see bench/README.md). One run: start-up of the packaged jar on its
 * embedded default, then the application on MariaDB in this JVM with a freshly loaded province, and every figure
 * measured against it. Exits non-zero if something did not work (wrong answers, lost or doubled timers), never
 * because a figure missed its target.
 */
public final class Bench {

    private final Options o;
    private final Results r = new Results();
    private final long started = System.nanoTime();
    private ConfigurableApplicationContext app;
    private Db db;
    private Load load;
    private Province province;
    private ProcessTemplates templates;
    private CaseLoader loader;
    private Instant loadedAt;
    /** On a reused database: the run that loaded it kept its PII key (table bench_secret). */
    private boolean piiKeyKept;

    private final Cpu cpu;

    private Bench(Options o) {
        this.o = o;
        String host = o.dbHost().replaceAll(":\\d+$", "");
        this.cpu = new Cpu(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"), o);
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Bench b = new Bench(o);
        int code = b.run();
        System.exit(code);
    }

    private void log(String s) {
        System.out.printf("bench [%6.1f s] %s%n", (System.nanoTime() - started) / 1e9, s);
    }

    private int run() throws Exception {
        log("mode " + o.mode() + ": " + o.cases() + " cases under region " + o.regionPrefix() + ", database "
                + o.dbName() + " on " + o.dbHost());
        r.machine = Machine.describe(o);
        r.detail("load_average_at_start", Machine.loadAverage());
        r.commit = Machine.commit(o);
        Machine.probe(o, r, "start");
        try {
            if (o.startup()) {
                phase("startup", this::startup);
            } else {
                r.note("startup_s not measured (--no-startup)");
            }
            if (o.reuseDb()) {
                // the database an earlier run loaded, as it is: only the phases that need nothing of the load's
                // in-memory state (intake and timers need its province and loader)
                db = new Db(o, o.dbName());
                boot();
                if (piiKeyKept) {
                    awaitBackfill();
                }
                r.put("cases", (double) db.scalar("SELECT COUNT(*) FROM dispute"));
                r.note("--reuse-db: database " + o.dbName() + " as an earlier run loaded it (migrated to this build); "
                        + "worklist, case list, stats, pages and ledger only");
            } else {
                Db.recreate(o);
                db = new Db(o, o.dbName());
                boot();
                phase("load", this::loadData);
                phase("clone check", this::cloneCheck);
                phase("raw vs intake", this::rawAndIntake);
            }
            // the case list and the ledger decrypt parties: on a reused database only with the key that loaded them
            boolean partiesReadable = !o.reuseDb() || piiKeyKept;
            phase("worklist", this::worklist);
            if (partiesReadable) {
                phase("case list", this::caseList);
            }
            phase("stats", this::stats);
            phase("pages", () -> pages(partiesReadable));
            if (partiesReadable) {
                phase("ledger", this::ledger);
            } else {
                r.note("case list and ledger not measured: the database was loaded before runs kept their PII key");
            }
            if (!o.reuseDb()) {
                phase("timers", this::timers);
            }
            try {
                explain();
            } catch (Exception e) {
                // the plans are an aid for reading the figures, not a figure: never fail a run (or CI) on them
                e.printStackTrace(System.out);
                r.note("EXPLAIN skipped: " + e);
            }
            r.detail("load_average_at_end", Machine.loadAverage());
            Machine.probe(o, r, "end");
        } catch (Exception e) {
            e.printStackTrace(System.out);
            r.fail("run aborted: " + e);
        } finally {
            r.detail("run_s", (System.nanoTime() - started) / 1e9);
            r.write(o);
            if (app != null) {
                app.close();
            }
            if (db != null) {
                db.close();
            }
        }
        System.out.println(r.json(o));
        log(r.failures.isEmpty() ? "done" : "done with " + r.failures.size() + " failure(s)");
        return r.failures.isEmpty() ? 0 : 1;
    }

    @FunctionalInterface
    private interface Phase {
        void run() throws Exception;
    }

    /** A phase that throws is recorded as a failure; the others still run. */
    private void phase(String name, Phase p) {
        log(name + " ...");
        long t0 = System.nanoTime();
        try {
            p.run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace(System.out);
            r.fail(name + ": " + e);
        }
        log(name + " took " + String.format("%.1f s", (System.nanoTime() - t0) / 1e9));
    }

    // ------------------------------------------------------------------------------------------------ start-up

    /**
     * The packaged jar with no configuration (embedded H2, demo data) in an empty directory, to /actuator/health UP;
     * then the deployments of README "Faster start-up". The smoke and quick mode run only the plain start and, when a
     * JDK 25+ is there, the ahead-of-time cache path (the fastest; in the smoke CI checks that README's commands still
     * work); full mode also a restart, the class data sharing archive and the plain start on the JDK 25+. Quick mode
     * ran those too until the twenty-seventh session, ~38 s of its 8 minutes (issue 8). The directories (H2
     * databases, extracted jars, caches: ~400 MB) are deleted when every start succeeded, kept for the logs when not.
     */
    private void startup() throws Exception {
        Path base = Files.createTempDirectory("sanling-startup");
        Path dir = Files.createDirectories(base.resolve("plain"));
        double first = startOnce(JAVA, dir, "first", List.of("-jar", o.jar().toString()));
        r.put("startup_s", first);
        r.detail("startup_first_s", first);
        boolean full = o.mode().equals("full");
        String aot = aotJava();
        if (full) {
            r.detail("startup_restart_s", startOnce(JAVA, dir, "restart", List.of("-jar", o.jar().toString())));
            r.detail("startup_cds_s", startTrained(JAVA, base.resolve("cds"), "sanling.jsa", "-XX:ArchiveClassesAtExit=",
                    "-XX:SharedArchiveFile=", "CDS"));
            if (aot != null) {
                // on the harness's own JDK that start is startup_s itself
                r.detail("startup_aot_plain_s", aot.equals(JAVA) ? first : startOnce(aot,
                        Files.createDirectories(base.resolve("plain-aot-jdk")), "first, JDK " + javaVersion(Path.of(aot)),
                        List.of("-jar", o.jar().toString())));
            }
        }
        if (aot == null) {
            r.note("startup_aot_s: not measured, no JDK 25+ found (SANLING_BENCH_AOT_JAVA, /usr/lib/jvm)");
        } else {
            r.detail("startup_aot_java", javaVersion(Path.of(aot)));
            r.detail("startup_aot_s", startTrained(aot, base.resolve("aot"), "sanling.aot", "-XX:AOTCacheOutput=",
                    "-XX:AOTCache=", "AOT cache"));
        }
        r.note("startup_s: `java -jar` of the packaged jar, no configuration, empty working directory (creates the H2 "
                + "schema and loads the demo organisation and " + "demo cases), JVM launch to /actuator/health UP"
                + (!full ? "" : "; startup_restart_s: the same directory again; startup_cds_s: the same first start "
                        + "from the extracted jar with a class data sharing archive (README \"Faster start-up\"), "
                        + "trained once beforehand")
                + (aot == null || !full ? "" : "; startup_aot_plain_s: the same `java -jar` on " + aot)
                + (aot == null ? "" : "; startup_aot_s: the extracted jar on " + aot + " with its ahead-of-time cache "
                        + "(README \"Faster start-up\"), trained once beforehand"));
        deleteTree(base);
    }

    /**
     * A first start as README "Faster start-up" deploys it: the jar extracted ({@code -Djarmode=tools extract}), a
     * cache (class data sharing archive, or JDK 25's ahead-of-time cache) written by one training run that stops
     * after the context refresh, then a timed first start in another empty directory with that cache.
     */
    private double startTrained(String java, Path base, String cacheName, String train, String use, String label)
            throws Exception {
        Path app = base.resolve("app");
        Files.createDirectories(base);
        run(base, java, "-Djarmode=tools", "-jar", o.jar().toString(), "extract", "--destination", app.toString());
        Path jar = app.resolve(o.jar().getFileName());
        Path cache = app.resolve(cacheName);
        Path training = Files.createDirectories(base.resolve("training"));
        run(training, java, train + cache, "-Dspring.context.exit=onRefresh", "-jar", jar.toString());
        if (!Files.exists(cache)) {
            throw new IllegalStateException("no " + label + " written; see " + training.resolve("app.log"));
        }
        return startOnce(java, Files.createDirectories(base.resolve("run")), "first, " + label,
                List.of(use + cache, "-jar", jar.toString()));
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * A JDK with the ahead-of-time cache of JEP 514 (25+): SANLING_BENCH_AOT_JAVA, the running JDK, or the newest
     * under /usr/lib/jvm; null when there is none.
     */
    private static String aotJava() throws Exception {
        String given = System.getenv("SANLING_BENCH_AOT_JAVA");
        if (given != null && !given.isBlank()) {
            return given;
        }
        if (Runtime.version().feature() >= 25) {
            return JAVA;
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (var dirs = Files.list(jvms)) {
            return dirs.map(d -> d.resolve("bin/java")).filter(Files::isExecutable)
                    .filter(j -> javaVersion(j).matches("[1-9].*"))
                    .filter(j -> Runtime.Version.parse(javaVersion(j)).feature() >= 25)
                    .max(java.util.Comparator.comparing(j -> Runtime.Version.parse(javaVersion(j))))
                    .map(Path::toString).orElse(null);
        }
    }

    /** The JAVA_VERSION of the JDK's release file beside bin/java ("0" when it has none). */
    private static String javaVersion(Path java) {
        Path release = java.toAbsolutePath().getParent().getParent().resolve("release");
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return line.substring("JAVA_VERSION=".length()).replace("\"", "");
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not a JDK image
        }
        return "0";
    }

    /** Jackson of the application's classpath, for reading its answers. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /**
     * A command in {@code dir}, output to {@code dir/app.log}, without the caller's SANLING_ and SPRING_ environment:
     * the application sees no configuration but its own defaults.
     */
    static ProcessBuilder unconfigured(Path dir, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("app.log").toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("SANLING_") || k.startsWith("SPRING_"));
        return pb;
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = unconfigured(dir, List.of(command)).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 180 s; see " + dir.resolve("app.log"));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + "; see "
                    + dir.resolve("app.log"));
        }
    }

    private double startOnce(String java, Path dir, String label, List<String> jvmArgs) throws Exception {
        int port = AppProcess.freePort();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmArgs);
        command.add("--server.port=" + port);
        ProcessBuilder pb = unconfigured(dir, command);
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            double s = awaitHealthy(p, port, dir, Duration.ofSeconds(180), t0);
            log(String.format("start-up (%s): healthy after %.2f s", label, s));
            return s;
        } finally {
            AppProcess.stop(p);
        }
    }

    /**
     * Polls {@code GET /actuator/health} on {@code port} every 50 ms until it answers UP: the seconds since
     * {@code t0} ({@link System#nanoTime()}). Fails when the process exits first or {@code limit} has passed.
     */
    static double awaitHealthy(Process p, int port, Path dir, Duration limit, long t0) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        while (System.nanoTime() - t0 < limit.toNanos()) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the jar exited with " + p.exitValue() + "; see " + dir.resolve("app.log"));
            }
            try {
                HttpResponse<String> h = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (h.statusCode() == 200 && h.body().contains("\"UP\"")) {
                    return (System.nanoTime() - t0) / 1e9;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("not healthy within " + limit.toSeconds() + " s; see " + dir.resolve("app.log"));
    }

    // ------------------------------------------------------------------------------------------------ application

    /** The application's settings (besides profile {@code mysql} and its port), for the ledger's own process too. */
    private final Map<String, String> appProperties = new LinkedHashMap<>();

    private void boot() throws Exception {
        byte[] jwt = new byte[48];
        byte[] pii = new byte[32];
        SecureRandom random = new SecureRandom();
        random.nextBytes(jwt);
        random.nextBytes(pii);
        piiKeyKept = o.reuseDb() && db.scalar("SELECT COUNT(*) FROM information_schema.tables "
                + "WHERE table_schema = DATABASE() AND table_name = 'bench_secret'") > 0;
        if (piiKeyKept) {
            // the parties were encrypted with the key of the run that loaded them (bench data only: kept beside it)
            pii = Base64.getDecoder().decode(db.rows("SELECT pii_key FROM bench_secret").get(0)[0]);
        }
        Map<String, String> props = appProperties;
        props.put("spring.datasource.url", o.jdbcUrl(o.dbName()));
        props.put("spring.datasource.username", o.dbUser());
        props.put("spring.datasource.password", o.dbPassword());
        props.put("sanling.security.jwt-secret", Base64.getEncoder().encodeToString(jwt));
        props.put("sanling.pii.key", Base64.getEncoder().encodeToString(pii));
        props.put("sanling.demo.enabled", "false");
        props.put("spring.main.banner-mode", "off");
        props.put("logging.level.root", "WARN");
        long t0 = System.nanoTime();
        // as command-line arguments, so they win over application-mysql.yml's environment placeholders
        String[] args = Stream.concat(Stream.of("--server.port=0"),
                props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())).toArray(String[]::new);
        app = new SpringApplicationBuilder(SanlingApplication.class).profiles("mysql").run(args);
        double s = (System.nanoTime() - t0) / 1e9;
        r.detail(o.reuseDb() ? "boot_mariadb_reused_s" : "boot_mariadb_empty_s", s);
        if (!o.reuseDb()) {
            db.exec("CREATE TABLE bench_secret (pii_key VARCHAR(64) NOT NULL)");
            db.update("INSERT INTO bench_secret (pii_key) VALUES (?)", Base64.getEncoder().encodeToString(pii));
        }
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        load = new Load(port);
        log(String.format("application up on MariaDB (%s %s) in %.1f s, port %d", o.reuseDb() ? "reused" : "empty",
                o.dbName(), s, port));
    }

    /**
     * A database loaded by an older build gets the case row's masked parties (V18) from the application in the
     * background after its start (MaskedPartiesBackfill): measured, and waited for, so no phase runs beside it.
     */
    private void awaitBackfill() throws Exception {
        long t0 = System.nanoTime();
        String done = "SELECT COUNT(*) FROM data_load WHERE name = 'dispute.parties_masked'";
        while (db.scalar(done) == 0) {
            if (System.nanoTime() - t0 > Duration.ofMinutes(30).toNanos()) {
                throw new IllegalStateException("the masked parties' back-fill did not end in 30 minutes");
            }
            Thread.sleep(500);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        r.detail("reuse_backfill_s", s);
        log(String.format("masked parties back-filled (or found done) in %.1f s", s));
    }

    private void loadData() throws Exception {
        db.exec("SET SESSION foreign_key_checks = 0");
        db.exec("SET SESSION unique_checks = 0");
        long t0 = System.nanoTime();
        String hash = app.getBean(PasswordEncoder.class).encode(Province.PASSWORD);
        province = Province.load(o, db, hash);
        double orgS = (System.nanoTime() - t0) / 1e9;
        log(String.format("organisation: %d regions, %d villages, %d grids, %d accounts in %.1f s",
                province.regionRows, province.villages.size(), province.gridRows, province.userRows, orgS));
        r.detail("villages", (double) province.villages.size());
        r.detail("grids", (double) province.gridRows);
        r.detail("accounts", (double) province.userRows);

        long t1 = System.nanoTime();
        templates = ProcessTemplates.build(app, db);
        r.detail("template_instances_s", (System.nanoTime() - t1) / 1e9);
        r.detail("flowable_rows_per_open_case_M_V", templates.rowsPerInstance(State.M_V).toString());

        long t2 = System.nanoTime();
        loadedAt = Instant.now();
        loader = new CaseLoader(province, templates, app.getBean(PiiCipher.class), o.seed(), loadedAt);
        loader.open(db);
        loader.loadHistory(o.cases(), 1);
        loader.close();
        loader.writeCounters(db);
        double casesS = (System.nanoTime() - t2) / 1e9;
        // what an installation runs after a bulk import: the finished-case counts of the statistics (V13)
        long tc = System.nanoTime();
        int countRows = FinishedCaseCountsMigration.rebuild(db.c);
        r.detail("finished_counts_rebuild_s", (System.nanoTime() - tc) / 1e9);
        r.detail("finished_counts_rows", (double) countRows);
        long open = loader.openByState.values().stream().mapToLong(Long::longValue).sum();
        long total = loader.rows.values().stream().mapToLong(Long::longValue).sum() + templates.rowsWritten;
        log(String.format("cases: %d (%d open, %d Flowable rows cloned) and %d rows in all in %.1f s = %.0f rows/s",
                o.cases(), open, templates.rowsWritten, total, casesS, total / casesS));
        r.put("cases", (double) o.cases());
        r.detail("open_cases", (double) open);
        r.detail("open_by_state", new java.util.TreeMap<>(loader.openByState).toString());
        r.detail("load_rows", loader.rows.toString() + ", flowable=" + templates.rowsWritten);
        r.detail("load_cases_s", casesS);
        r.detail("load_rows_per_s", total / casesS);
        r.detail("clone_open_cases_per_s", open / casesS);
        r.detail("load_organisation_s", orgS);
        templates.dropTemplates(app);
        db.exec("ALTER TABLE dispute AUTO_INCREMENT = 1");
        long t3 = System.nanoTime();
        for (String t : List.of("region", "grid", "app_user", "dispute", "finished_case_count", "dispute_party",
                "dispute_event", "mediation_session", "follow_up", "supervision_order", "ACT_RU_TASK", "ACT_RU_EXECUTION",
                "ACT_RU_VARIABLE", "ACT_RU_IDENTITYLINK", "ACT_RU_TIMER_JOB", "ACT_HI_PROCINST", "ACT_HI_ACTINST")) {
            db.rows("ANALYZE TABLE " + t);
        }
        r.detail("analyze_s", (System.nanoTime() - t3) / 1e9);
        r.detail("load_total_s", (System.nanoTime() - t0) / 1e9);
        // what a province's database weighs, for sizing MariaDB's buffer pool (InnoDB's estimates, fresh after ANALYZE)
        for (String[] size : db.rows("SELECT table_name LIKE 'ACT\\_%', ROUND(SUM(data_length + index_length) / 1048576) "
                + "FROM information_schema.tables WHERE table_schema = DATABASE() GROUP BY 1")) {
            r.detail(size[0].equals("1") ? "db_size_mb_flowable" : "db_size_mb_ours", Double.parseDouble(size[1]));
        }
    }

    // ------------------------------------------------------------------------------------------------ clone check

    /** Acts on one cloned case of each kind over HTTP: the engine must carry on from the copied state. */
    private void cloneCheck() throws Exception {
        record Check(String state, String where, String action, String userPattern) {
        }
        List<Check> checks = List.of(
                new Check("P_V", "status = 'PENDING' AND level = 'VILLAGE' AND overdue = FALSE", "{\"action\":\"ACCEPT\"}", "med_V"),
                new Check("M_T", "status = 'MEDIATING' AND level = 'TOWNSHIP' AND supervised = FALSE",
                        "{\"action\":\"RESOLVE\",\"agreementType\":\"WRITTEN\",\"agreementText\":\"bench\",\"fulfilment\":\"IMMEDIATE\"}", "med_T"),
                new Check("M_V_S", "status = 'MEDIATING' AND level = 'VILLAGE' AND supervised = TRUE",
                        "{\"action\":\"RESPOND\",\"note\":\"bench\"}", "med_V"),
                new Check("M_C", "status = 'MEDIATING' AND level = 'COUNTY' AND supervised = FALSE",
                        "{\"action\":\"EXTEND\",\"until\":\"" + Instant.now().plus(Duration.ofDays(40)) + "\",\"reason\":\"bench\",\"partiesConsent\":true}", "med_C"),
                new Check("R_V", "status = 'RESOLVED' AND level = 'VILLAGE' AND overdue = FALSE",
                        "{\"action\":\"FOLLOW_UP\",\"fulfilled\":true,\"satisfied\":true}", "med_V"),
                new Check("P_T_OD", "status = 'PENDING' AND level = 'TOWNSHIP' AND overdue = TRUE",
                        "{\"action\":\"ACCEPT\"}", "med_T"));
        int ok = 0;
        for (Check c : checks) {
            List<String[]> found = db.rows("SELECT id, village_code, due_at FROM dispute WHERE " + c.where()
                    + " AND current_task IS NOT NULL ORDER BY id DESC LIMIT 1");
            if (found.isEmpty()) {
                r.note("clone check: no case in state " + c.state() + " to try");
                continue;
            }
            String id = found.get(0)[0];
            String village = found.get(0)[1];
            String region = switch (c.userPattern()) {
                case "med_V" -> village;
                case "med_T" -> village.substring(0, 9);
                default -> village.substring(0, 6);
            };
            String body = c.action();
            if (c.state().equals("M_C")) {
                // EXTEND: at most 30 days after the current deadline
                Instant due = Timestamp.valueOf(found.get(0)[2]).toInstant();
                body = body.replaceAll("\"until\":\"[^\"]+\"", "\"until\":\"" + due.plus(Duration.ofDays(10)) + "\"");
            }
            HttpResponse<String> resp = load.post(Province.mediator(region), "/api/v1/disputes/" + id + "/actions", body);
            if (resp.statusCode() == 200) {
                ok++;
            } else {
                r.fail("clone check " + c.state() + " case " + id + ": " + resp.statusCode() + " " + resp.body());
            }
        }
        r.detail("clone_checks_ok", (double) ok);
        log("clone check: " + ok + " of " + checks.size() + " cloned cases took their next action");
    }

    // ------------------------------------------------------------------------------------------------ intake

    private void rawAndIntake() throws Exception {
        Duration total = o.warmup().plus(o.phase());
        // bare case rows for the raw starts: enough for ~1,000 starts/s through the warm-up and the timed part
        int capacity = (int) Math.max(o.smoke() ? 3_000 : o.mode().equals("full") ? 40_000 : 25_000,
                1_000 * total.toSeconds());
        long first = db.scalar("SELECT MAX(id) FROM dispute") + 1;
        String[] villages = new String[capacity];
        Random random = new Random(o.seed() + 1);
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp due = Timestamp.from(Instant.now().plus(Duration.ofHours(24)));
        try (Db.Batch b = db.batch("dispute", "id", "case_no", "title", "description", "category_code", "county_code",
                "village_code", "grid_code", "region_code", "source", "risk_level", "status", "level", "due_at",
                "reported_by", "reported_at", "updated_at", "version", "parties_masked")) {
            for (int i = 0; i < capacity; i++) {
                Province.Village v = province.villages.get(random.nextInt(province.villages.size()));
                villages[i] = v.code();
                b.add(first + i, "RAW-" + (first + i), "raw baseline", "raw baseline", "NEIGHBOUR", v.county(), v.code(),
                        v.grids()[0], v.grids()[0], "VISIT", "BLUE", "PENDING", "VILLAGE", due,
                        Province.gridWorker(v.grids()[0]), now, now, 0, ""); // no parties (V18)
            }
        }
        long last = first + capacity - 1;
        RuntimeService runtime = app.getBean(RuntimeService.class);
        AtomicLong next = new AtomicLong(first);
        Date acceptDue = Date.from(Instant.now().plus(Duration.ofHours(24)));
        Map<Long, String> started = new java.util.concurrent.ConcurrentHashMap<>();
        Load.Result raw = Load.run("raw", o.clients(), o.warmup(), o.phase(), (client, n) -> {
            long id = next.getAndIncrement();
            if (id > last) {
                throw new Load.NoMoreWork();
            }
            Map<String, Object> vars = new HashMap<>();
            vars.put("caseId", id);
            vars.put("acceptGroups", "MEDIATOR:" + villages[(int) (id - first)]);
            vars.put("acceptDueAt", acceptDue);
            vars.put("level", "VILLAGE");
            started.put(id, runtime.startProcessInstanceByKey("dispute", Long.toString(id), vars).getId());
            return 200;
        }, cpu, t -> t.startsWith("bench-raw-"));
        log(raw.summary() + "; " + cpuSummary("call", raw.cpu()));
        if (next.get() > last) {
            r.note("raw baseline used all " + capacity + " prepared cases before the time was up; rate over "
                    + String.format("%.1f s", raw.seconds()));
        }
        // the raw cases that got a process keep it (and now look like any pending case); the rest go
        try (Db.Batch b = db.batchSql("UPDATE dispute SET process_instance_id = ? WHERE id = ?", 2)) {
            for (Map.Entry<Long, String> e : started.entrySet()) {
                b.add(e.getValue(), e.getKey());
            }
        }
        int unused = db.update("DELETE FROM dispute WHERE id BETWEEN ? AND ? AND current_task IS NULL", first, last);
        db.exec("ALTER TABLE dispute AUTO_INCREMENT = 1");
        r.detail("raw_starts", (double) raw.ok());
        r.detail("raw_p95_ms", raw.percentileMs(95));
        r.detail("raw_unused_cases_deleted", (double) unused);
        if (raw.errors() > 0) {
            r.fail("raw baseline: " + raw.errors() + " errors, first " + raw.firstError());
        }

        // the product path: POST /api/v1/disputes by grid workers across the province, as a phone would send it
        List<Province.Village> reporters = new ArrayList<>();
        for (int i = 0; i < (o.smoke() ? 16 : 64); i++) {
            reporters.add(province.villages.get(random.nextInt(province.villages.size())));
        }
        for (Province.Village v : reporters) {
            load.token(Province.gridWorker(v.grids()[0]));
        }
        LockWaits waits = new LockWaits(o);
        Load.Result intake = Load.run("intake", o.clients(), o.warmup(), o.phase(), (client, n) -> {
            Province.Village v = reporters.get((int) (n % reporters.size()));
            Random rnd = new Random(n * 7919 + client);
            String body = reportBody(v, rnd);
            HttpResponse<String> resp = load.post(Province.gridWorker(v.grids()[0]), "/api/v1/disputes", body,
                    "Idempotency-Key", UUID.randomUUID().toString());
            if (resp.statusCode() != 201) {
                throw new IllegalStateException(resp.statusCode() + " " + resp.body());
            }
            return 201;
        }, cpu, t -> t.startsWith("bench-intake-") || t.startsWith("HttpClient-"));
        log(intake.summary() + "; " + cpuSummary("call", intake.cpu()));
        raw.cpu().details("raw", "caller_threads").forEach(r::detail);
        intake.cpu().details("intake", "client").forEach(r::detail);
        waits.close();
        r.detail("intake_lock_waits", waits.summary());
        log("intake lock waits: " + waits.summary());
        if (intake.errors() > 0) {
            r.fail("intake: " + intake.errors() + " errors, first " + intake.firstError());
        }
        r.put("raw_flowable_starts_per_s", raw.perSecond());
        r.put("intake_per_s", intake.perSecond());
        r.put("intake_ratio", intake.perSecond() / raw.perSecond());
        r.detail("intake_p50_ms", intake.percentileMs(50));
        r.detail("intake_p95_ms", intake.percentileMs(95));
        r.detail("intake_reports", (double) intake.ok());
        r.detail("clients", (double) o.clients());
        r.note("raw: RuntimeService.startProcessInstanceByKey(\"dispute\") with the variables intake sets, " + o.clients()
                + " threads in the application's JVM, on pre-inserted bare case rows (the process's own delegates read "
                + "and update them); intake: POST /api/v1/disputes over loopback HTTP with " + o.clients()
                + " concurrent clients (" + reporters.size() + " grid workers' tokens, 2 parties with ID numbers and phones, Idempotency-Key); "
                + o.warmup().toSeconds() + " s warm-up then " + o.phase().toSeconds() + " s each, one after the other");
    }

    private static String cpuSummary(String per, Cpu.PerOp c) {
        return String.format("CPU per %s: JVM %.2f ms (of which the calling threads %.2f ms, the JIT compiler %s), "
                + "database %s", per, c.jvmMs(), c.threadsMs(),
                c.jitMs() == null ? "?" : String.format("%.2f ms", c.jitMs()),
                c.dbMs() == null ? "not measured" : String.format("%.2f ms", c.dbMs()))
                + (c.dbStatus().isEmpty() ? "" : "; database counters per " + per + ": " + c.statusText());
    }

    private static final String[][] INTAKE_KINDS = {
        {"NEIGHBOUR", "NEIGHBOUR_HOMESTEAD", "宅基地"}, {"FAMILY", "FAMILY_ELDER_SUPPORT", "赡养"},
        {"DEBT", "DEBT_WAGE_ARREARS", "劳务欠薪"}, {"NEIGHBOUR", "NEIGHBOUR_DRAINAGE", "排水"},
        {"FAMILY", "FAMILY_MARRIAGE", "婚姻"}, {"OTHER", "OTHER_LAND_CONTRACT", "土地承包"}};

    private String reportBody(Province.Village v, Random rnd) {
        String[] k = INTAKE_KINDS[rnd.nextInt(INTAKE_KINDS.length)];
        String a = "王李张刘陈杨赵黄".charAt(rnd.nextInt(8)) + "建国";
        String b = "周吴徐孙胡朱高林".charAt(rnd.nextInt(8)) + "秀英";
        return "{\"title\":\"" + k[2] + "纠纷：" + a + "与" + b + "\",\"description\":\"" + a + "与" + b + "因" + k[2]
                + "问题发生纠纷，网格员走访发现，请尽快调解。\",\"categoryCode\":\"" + k[0] + "\",\"subCategoryCode\":\"" + k[1]
                + "\",\"gridCode\":\"" + v.grids()[0] + "\",\"source\":\"VISIT\",\"parties\":["
                + party(a, v, rnd, "APPLICANT") + "," + party(b, v, rnd, "RESPONDENT") + "]}";
    }

    private String party(String name, Province.Village v, Random rnd, String role) {
        String body = v.county() + String.format("%04d%02d%02d%03d", 1950 + rnd.nextInt(55), 1 + rnd.nextInt(12),
                1 + rnd.nextInt(28), rnd.nextInt(1000));
        String id = body + CaseLoader.checkChar(body);
        String phone = "13" + String.format("%09d", rnd.nextInt(1_000_000_000));
        return "{\"name\":\"" + name + "\",\"idNumber\":\"" + id + "\",\"phone\":\"" + phone + "\",\"role\":\"" + role + "\"}";
    }

    // ------------------------------------------------------------------------------------------------ reads

    private List<String> busiest(String sql, int limit) throws Exception {
        List<String> out = new ArrayList<>();
        for (String[] row : db.rows(sql + " LIMIT " + limit)) {
            out.add(row[0]);
        }
        return out;
    }

    /** The townships with the most open township-level cases: their mediators have the longest worklists. */
    private List<String> busiestTownships(int limit) throws Exception {
        return busiest("SELECT SUBSTR(village_code, 1, 9) t, COUNT(*) n FROM dispute "
                + "WHERE current_task IS NOT NULL AND level = 'TOWNSHIP' GROUP BY t ORDER BY n DESC", limit);
    }

    private List<String> busiestCounties(int limit) throws Exception {
        return busiest("SELECT county_code, COUNT(*) n FROM dispute GROUP BY county_code ORDER BY n DESC", limit);
    }

    /** The cities with the most cases (one in the smoke: all its cases are in 三门峡). */
    private List<String> busiestCities(int limit) throws Exception {
        return busiest("SELECT SUBSTR(county_code, 1, 4) c, COUNT(*) n FROM dispute GROUP BY c ORDER BY n DESC", limit);
    }

    private void worklist() throws Exception {
        List<String> townships = busiestTownships(20);
        if (townships.isEmpty()) {
            r.fail("worklist: no township has open township-level cases");
            return;
        }
        townships.forEach(t -> load.token(Province.mediator(t)));
        Load.Result res = Load.run("worklist", 2, o.warmup(), shortPhase(), (client, n) -> {
            HttpResponse<String> resp = load.get(Province.mediator(townships.get((int) (n % townships.size()))), "/api/v1/tasks");
            return resp.statusCode();
        });
        log(res.summary());
        check(res);
        r.put("worklist_p95_ms", res.percentileMs(95));
        r.detail("worklist_p50_ms", res.percentileMs(50));
        r.detail("worklist_per_s", res.perSecond());
        r.note("worklist: GET /api/v1/tasks as the mediators of the " + townships.size() + " townships with the most "
                + "open township-level cases, 2 concurrent clients, closed loop");
    }

    /** Half a short phase in quick mode: eight pages at 10 s each would take quick mode past its 8 minutes. */
    private Duration pagePhase() {
        return o.mode().equals("quick") ? Duration.ofSeconds(5) : shortPhase();
    }

    private Duration shortPhase() {
        return o.smoke() ? Duration.ofSeconds(3) : o.mode().equals("quick") ? Duration.ofSeconds(10) : Duration.ofSeconds(15);
    }

    private void check(Load.Result res) {
        if (res.errors() > 0) {
            r.fail(res.name() + ": " + res.errors() + " errors, first " + res.firstError());
        }
        if (res.ok() == 0) {
            r.fail(res.name() + ": no successful request");
        }
    }

    private void caseList() throws Exception {
        List<String> counties = busiestCounties(10);
        String from90 = Instant.now().minus(Duration.ofDays(90)).toString();
        String now = Instant.now().toString();
        List<String> filters = List.of("status=PENDING", "categoryCode=FAMILY&status=CLOSED", "riskLevel=RED",
                "from=" + from90 + "&to=" + now, "overdue=true", "source=POLICE_110&level=TOWNSHIP", "status=MEDIATING&sort=dueAt,asc");
        counties.forEach(c -> load.token(Province.supervisor(c)));
        Load.Result res = Load.run("case list", 2, o.warmup(), shortPhase(), (client, n) -> {
            String county = counties.get((int) (n % counties.size()));
            String f = filters.get((int) ((n / counties.size()) % filters.size()));
            return load.get(Province.supervisor(county), "/api/v1/disputes?" + f + "&page=0&size=20").statusCode();
        });
        log(res.summary());
        check(res);
        r.put("case_list_p95_ms", res.percentileMs(95));
        r.detail("case_list_p50_ms", res.percentileMs(50));
        r.note("case list: GET /api/v1/disputes (first page of 20, with total) as the supervisors of the "
                + counties.size() + " counties with the most cases, rotating " + filters.size() + " filters "
                + filters + ", 2 concurrent clients");
    }

    private boolean route(String pattern) {
        for (RequestMappingHandlerMapping m : app.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (var info : m.getHandlerMethods().keySet()) {
                if (info.getPatternValues().contains(pattern)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first of the candidate query strings the endpoint answers with 200 (its period parameters may be dates). */
    private String workingQuery(String user, String path, List<String> candidates) throws Exception {
        StringBuilder tried = new StringBuilder();
        for (String q : candidates) {
            HttpResponse<String> resp = load.get(user, path + "?" + q);
            if (resp.statusCode() == 200) {
                return q;
            }
            tried.append(resp.statusCode()).append(" for ?").append(q).append("; ");
        }
        throw new IllegalStateException(path + " answered " + tried);
    }

    /** "The last year up to today" as a supervisor in China asks it: today in China time, whatever this JVM's zone. */
    private List<String> periods(String region) {
        LocalDate today = LocalDate.now(CaseLoader.ZONE);
        Instant now = Instant.now();
        return List.of("regionCode=" + region + "&from=" + today.minusYears(1) + "&to=" + today,
                "regionCode=" + region + "&from=" + now.minus(Duration.ofDays(365)) + "&to=" + now,
                "regionCode=" + region);
    }

    private void stats() throws Exception {
        String path = "/api/v1/stats/summary";
        if (!route(path)) {
            r.note("stats_county_p95_ms, stats_city_p95_ms: null, GET " + path + " is not in this build yet; the "
                    + "harness measures it as soon as the route exists");
            return;
        }
        List<String> counties = busiestCounties(10);
        List<String> cities = busiestCities(5);
        for (String[] level : new String[][] {{"county", "stats_county_p95_ms"}, {"city", "stats_city_p95_ms"}}) {
            List<String> regions = level[0].equals("county") ? counties : cities;
            List<String> queries = new ArrayList<>();
            for (String region : regions) {
                queries.add(workingQuery(Province.supervisor(region), path, periods(region)));
            }
            Load.Result res = Load.run("stats " + level[0], 2, o.warmup(), shortPhase(), (client, n) -> {
                int i = (int) (n % regions.size());
                return load.get(Province.supervisor(regions.get(i)), path + "?" + queries.get(i)).statusCode();
            });
            log(res.summary());
            check(res);
            checkTotal(Province.supervisor(regions.get(0)), path + "?" + queries.get(0), regions.get(0));
            r.put(level[1], res.percentileMs(95));
            r.detail(level[1].replace("p95", "p50"), res.percentileMs(50));
            r.note("stats " + level[0] + ": GET " + path + "?" + queries.get(0).replaceAll("regionCode=\\d+", "regionCode=…")
                    + " as the supervisors of the " + regions.size() + " " + level[0] + "s with the most cases, 2 clients");
        }
    }

    /** The summary's total is the count of the region's cases in its period (the counts of V13 must hold). */
    private void checkTotal(String user, String pathAndQuery, String region) throws Exception {
        JsonNode summary = JSON.readTree(load.get(user, pathAndQuery).body());
        long total = summary.get("total").asLong();
        long expected = db.scalar("SELECT COUNT(*) FROM dispute WHERE county_code LIKE ? AND reported_at >= ? "
                + "AND reported_at < ?", region + "%", Timestamp.from(Instant.parse(summary.get("from").asString())),
                Timestamp.from(Instant.parse(summary.get("to").asString())));
        if (total != expected) {
            r.fail("stats of " + region + ": total " + total + ", but " + expected + " cases in the period");
        }
    }

    // ------------------------------------------------------------------------------------------------ pages

    /**
     * The server-rendered pages (Thymeleaf, session login) as the API phases measure the API, for "how the worklist
     * and the dashboards feel": each page as the users of the busiest regions who open it, signed in as a browser
     * is. The case list and the dashboard show parties (masked), so on a reused database only with its PII key.
     */
    private void pages(boolean partiesReadable) throws Exception {
        List<String> townships = busiestTownships(20);
        List<String> counties = busiestCounties(10);
        List<String> cities = busiestCities(5);
        if (townships.isEmpty() || counties.isEmpty() || cities.isEmpty()) {
            r.fail("pages: no busiest townships, counties or cities (" + townships + ", " + counties + ", " + cities
                    + ")");
            return;
        }
        List<String> mediators = townships.stream().map(Province::mediator).toList();
        List<String> countySupervisors = counties.stream().map(Province::supervisor).toList();
        List<String> citySupervisors = cities.stream().map(Province::supervisor).toList();
        page("tasks", "/tasks", mediators);
        if (partiesReadable) {
            page("cases_county", "/cases", countySupervisors);
            page("cases_city", "/cases", citySupervisors);
            page("dashboard_county", "/dashboard", countySupervisors);
            page("dashboard_city", "/dashboard", citySupervisors);
        } else {
            r.note("pages: /cases and /dashboard not measured: they show the parties of the database's cases, which "
                    + "was loaded before runs kept their PII key");
        }
        page("sanling_city", "/sanling", citySupervisors);
        List<String> province = List.of(Province.supervisor("41"));
        if (partiesReadable) {
            page("dashboard_province", "/dashboard", province);
        }
        page("sanling_province", "/sanling", province);
        page("tasks_province", "/tasks", province);
        r.note("pages: GET of the web UI's pages (text/html, a session signed in through the login form, redirects not "
                + "followed: anything but 200 with the signed-in navigation is an error) as their users in the busiest "
                + "regions: /tasks as the mediators of the townships with the most open township-level cases ("
                + townships.size() + "); /cases (first page, no filter) and /dashboard as the supervisors of the "
                + "counties with the most cases (" + counties.size() + ") and, apart, of the cities with the most "
                + "cases (" + cities.size() + "); /sanling (三零 board) as those city supervisors; /dashboard and "
                + "/sanling as the province supervisor (since the twenty-eighth session), and /tasks (a supervisor's "
                + "worklist: the cases that need attention; since the twenty-ninth session); 2 concurrent clients "
                + "each, closed loop");
    }

    /** One page as the given users in turn; details page_<name>_p50_ms / _p95_ms. */
    private void page(String name, String path, List<String> users) throws Exception {
        users.forEach(load::session);
        Load.Result res = Load.run("page " + name, 2, o.warmup(), pagePhase(),
                (client, n) -> signedInPage(users.get((int) (n % users.size())), path));
        log(res.summary());
        check(res);
        r.detail("page_" + name + "_p95_ms", res.percentileMs(95));
        r.detail("page_" + name + "_p50_ms", res.percentileMs(50));
    }

    /**
     * The page's status, or an error for what a signed-in browser would not see as its page: any other status (a
     * redirect to the login form among them) or a page without the signed-in navigation (the login form and the
     * error page have a {@code <nav} too, but no logout button).
     */
    private int signedInPage(String user, String path) throws Exception {
        HttpResponse<String> resp = load.page(user, path);
        if (resp.statusCode() != 200) {
            throw new IllegalStateException(path + " as " + user + ": HTTP " + resp.statusCode()
                    + resp.headers().firstValue("Location").map(l -> " to " + l).orElse(""));
        }
        if (!resp.body().contains("<nav") || !resp.body().contains("action=\"/logout\"")) {
            throw new IllegalStateException(path + " as " + user + ": 200 without the signed-in navigation");
        }
        return 200;
    }

    private void ledger() throws Exception {
        String path = "/api/v1/ledger";
        if (!route(path)) {
            r.note("ledger_rows_per_s, ledger_peak_heap_mb: null, GET " + path + " is not in this build yet; the "
                    + "harness measures it as soon as the route exists");
            return;
        }
        String user = Province.supervisor("41");
        String today = LocalDate.now().plusDays(1).toString();
        String twoYears = LocalDate.now().minusYears(2).minusDays(1).toString();
        Instant now = Instant.now().plusSeconds(60);
        String q = workingQuery(user, path, List.of(
                "format=csv&regionCode=41&from=" + twoYears + "&to=" + today,
                "format=csv&regionCode=41&from=" + now.minus(Duration.ofDays(732)) + "&to=" + now,
                "format=csv&regionCode=41"));
        // The export runs in an application process of its own (same jar, database and settings, no job executor),
        // so its heap is the application's alone and not also the harness's province and loader.
        Map<String, String> props = new LinkedHashMap<>(appProperties);
        props.put("spring.profiles.active", "mysql");
        props.put("flowable.async-executor-activate", "false");
        String xmx = System.getenv().getOrDefault("SANLING_BENCH_HEAP", "1g");
        Path dir = Files.createTempDirectory("sanling-ledger");
        long[] res;
        double seconds;
        double before;
        double live;
        double sampled;
        int gcs;
        try (AppProcess ledgerApp = AppProcess.start(JAVA, o.jar(), dir, xmx, props)) {
            log(String.format("ledger: its own application process healthy after %.1f s", ledgerApp.startSeconds));
            r.detail("ledger_app_start_s", ledgerApp.startSeconds);
            Load own = new Load(ledgerApp.port);
            // the same export once before, as every phase has its warm-up: the process is new, and a long-running
            // application has its export compiled and its heap grown (one county's export first left the measured
            // one at 90k rows/s against 141k in the warm harness JVM, at 1M)
            long[] warm = own.getLines(user, path + "?" + q);
            if (warm[0] != 200) {
                r.fail("ledger: warm-up export: HTTP " + warm[0]);
                return;
            }
            log(String.format("ledger: warm-up export, %d lines", warm[1]));
            MemoryMXBean memory = ledgerApp.memory();
            memory.gc();
            // what the application holds before the export
            before = memory.getHeapMemoryUsage().getUsed() / 1048576.0;
            try (HeapWatch heap = new HeapWatch(ledgerApp.mbeans())) {
                long t0 = System.nanoTime();
                res = own.getLines(user, path + "?" + q);
                seconds = (System.nanoTime() - t0) / 1e9;
                // the collections' notifications come over the connection: let the last ones arrive
                Thread.sleep(500);
                live = heap.peakLiveMb();
                sampled = heap.peakSampledMb();
                gcs = heap.collections();
            }
        }
        deleteTree(dir);
        if (res[0] != 200) {
            r.fail("ledger: HTTP " + res[0]);
            return;
        }
        long rows = Math.max(0, res[1] - 1);
        log(String.format("ledger: %d rows, %.1f MB in %.1f s; heap live peak %.0f MB, sampled peak %.0f MB, %d GCs; %.0f MB in use before",
                rows, res[2] / 1e6, seconds, live, sampled, gcs, before));
        r.put("ledger_rows_per_s", rows / seconds);
        r.put("ledger_peak_heap_mb", live);
        r.detail("ledger_rows", (double) rows);
        r.detail("ledger_peak_heap_sampled_mb", sampled);
        r.detail("ledger_gcs", (double) gcs);
        r.detail("ledger_heap_before_mb", before);
        r.note("ledger: GET " + path + "?" + q + " as the province supervisor, body streamed and counted, from an "
                + "application process of its own (the packaged jar, this run's database and settings, job executor "
                + "off, -Xmx" + xmx + "; since the twenty-seventh session), the second of two identical exports; its "
                + "heap via JMX: peak in use after a collection during the export (sampled peak incl. garbage in "
                + "details)");
    }

    // ------------------------------------------------------------------------------------------------ timers

    /** n mediating cases whose mediation deadline passes at the same instant: each must escalate exactly once. */
    private void timers() throws Exception {
        int n = o.timers();
        // A first round runs the escalation path cold (compiled by the JIT while it runs), as the 10k did until the
        // eleventh session; the measured round runs it warm, as every other phase is measured after its warm-up.
        // In full mode the first round is a whole 10k, so its time is the figure of the earlier rows.
        int firstRound = o.mode().equals("full") ? n : Math.max(1, n / 5);
        Round cold = timerRound(firstRound, "timers_first_round");
        r.detail("timers_first_round", (double) firstRound);
        r.detail("timers_first_round_s", cold.seconds());
        r.detail("timers_first_round_first_escalation_s", cold.firstAt());
        r.detail("timers_first_round_escalated_every_10s", cold.curve().toString());
        if (!cold.complete()) {
            r.note(String.format("timers: the first round escalated only %d of %d timers after %.0f s; the measured "
                    + "round was not run", cold.done(), firstRound, cold.seconds()));
            return;
        }
        Round warm = timerRound(n, "timers");
        r.detail("timers", (double) n);
        r.detail("timers_first_escalation_s", warm.firstAt());
        r.detail("timers_escalated_every_10s", warm.curve().toString());
        r.detail("timers_escalated", (double) warm.done());
        if (warm.complete()) {
            r.put("timers_10k_s", warm.seconds());
            if (n != 10_000) {
                r.note("timers_10k_s measured with " + n + " timers, not 10k");
            }
        } else {
            r.note(String.format("timers_10k_s: null, only %d of %d timers had escalated after %.0f s", warm.done(), n,
                    warm.seconds()));
        }
        r.note("timers: " + n + " mediating village cases (cloned live state) whose mediation timers are all set due at "
                + "one instant; time until every case is PENDING one level up, with the application's async executor "
                + "settings; checked: one TIMEOUT_ESCALATE each, a new accept task each, no dead-letter jobs. Measured "
                + "after a first round of " + firstRound + " (details.timers_first_round_*), which runs the escalation "
                + "path while the JIT compiles it");
    }

    /** One round of timers: {@code n} cloned mediating cases whose timers all fall due at once, checked afterwards. */
    private record Round(long done, int n, double seconds, double firstAt, List<Long> curve) {

        boolean complete() {
            return done >= n;
        }
    }

    /**
     * {@code expression} in the character set and collation of the engine's column {@code table.column}, so that a
     * join on it can use that column's index (the engine's tables are utf8mb3 with a binary collation, ours utf8mb4).
     */
    private String asEngineKey(String table, String column, String expression) throws Exception {
        String[] c = db.rows("SELECT CHARACTER_SET_NAME, COLLATION_NAME FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?", table, column).get(0);
        if (!c[0].matches("\\w+") || !c[1].matches("\\w+")) {
            throw new IllegalStateException("unexpected character set of " + table + "." + column + ": " + c[0] + " " + c[1]);
        }
        return "CONVERT(" + expression + " USING " + c[0] + ") COLLATE " + c[1];
    }

    private Round timerRound(int n, String detailPrefix) throws Exception {
        long first = db.scalar("SELECT MAX(id) FROM dispute") + 1;
        Instant sentinel = Instant.parse("2036-06-06T06:06:06Z");
        long t0 = System.nanoTime();
        loader.readCounters(db);
        loader.open(db);
        long[] range = loader.loadOpen(n, first, State.M_V, sentinel);
        loader.close();
        loader.writeCounters(db);
        log(String.format("timers: %d mediating cases with a cloned mediation timer loaded in %.1f s", n,
                (System.nanoTime() - t0) / 1e9));
        Instant due = Instant.now().minusSeconds(1);
        TimerProgress progress = new TimerProgress(db, range[0], range[1]);
        db.update("UPDATE dispute SET due_at = ? WHERE id BETWEEN ? AND ?", Timestamp.from(due), range[0], range[1]);
        int moved = db.update("UPDATE ACT_RU_TIMER_JOB SET DUEDATE_ = ? WHERE DUEDATE_ = ?",
                templates.stored(due), templates.stored(sentinel));
        long start = System.nanoTime();
        Cpu.Reading cpuFrom = cpu.read(t -> t.startsWith("workflow-job"));
        LockWaits waits = new LockWaits(o);
        if (moved != n) {
            r.fail("timers: expected " + n + " timers at the sentinel due date, found " + moved);
        }
        long done = 0;
        long deadline = start + o.timerTimeout().toNanos();
        double firstAt = -1;
        // escalated cases at every 10 s, to see how fast the executor gets going and its steady rate
        List<Long> curve = new ArrayList<>();
        long seen = 0;
        while (System.nanoTime() < deadline) {
            long before = seen;
            seen = progress.look();
            boolean tenSeconds = System.nanoTime() - start >= TimeUnit.SECONDS.toNanos(10L * (curve.size() + 1));
            // the full count when the events tell nothing new (the start, the end, an event the look missed)
            done = seen > before && !tenSeconds ? Math.max(done, seen) : Math.max(seen, progress.full());
            if (done > 0 && firstAt < 0) {
                firstAt = (System.nanoTime() - start) / 1e9;
            }
            if (tenSeconds) {
                curve.add(done);
            }
            if (done >= n) {
                break;
            }
            Thread.sleep(250);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Cpu.PerOp perTimer = Cpu.perOp(cpuFrom, cpu.read(t -> t.startsWith("workflow-job")), done);
        done = progress.full();
        perTimer.details(detailPrefix, "job_threads").forEach(r::detail);
        log("timers: " + cpuSummary("escalation", perTimer));
        waits.close();
        r.detail(detailPrefix + "_lock_waits", waits.summary());
        log("timers lock waits: " + waits.summary());
        Thread.sleep(3000);
        long events = db.scalar("SELECT COUNT(*) FROM dispute_event WHERE dispute_id BETWEEN ? AND ? "
                + "AND action = 'TIMEOUT_ESCALATE'", range[0], range[1]);
        long doubled = db.scalar("SELECT COUNT(*) FROM (SELECT dispute_id FROM dispute_event WHERE dispute_id BETWEEN ? "
                + "AND ? AND action = 'TIMEOUT_ESCALATE' GROUP BY dispute_id HAVING COUNT(*) > 1) x", range[0], range[1]);
        // our column is utf8mb4, the engine's key utf8mb3_bin: compared as they are, MariaDB converts the key and
        // joins without its index (42 s for 10k in quick mode, 94 s at 1M, until the twenty-seventh session)
        long tasks = db.scalar("SELECT COUNT(*) FROM dispute d JOIN ACT_RU_TASK t ON t.ID_ = "
                + asEngineKey("ACT_RU_TASK", "ID_", "d.current_task_id")
                + " WHERE d.id BETWEEN ? AND ? AND t.TASK_DEF_KEY_ = 'accept'", range[0], range[1]);
        long dead = db.scalar("SELECT COUNT(*) FROM ACT_RU_DEADLETTER_JOB");
        log(String.format("timers: %d of %d escalated after %.1f s (first after %.1f s); %d TIMEOUT_ESCALATE events, "
                + "%d cases escalated twice, %d new accept tasks, %d dead-letter jobs; escalated at every 10 s: %s", done, n,
                seconds, firstAt, events, doubled, tasks, dead, curve));
        r.detail("timers_deadletter_jobs", (double) dead);
        if (doubled > 0 || events > n) {
            r.fail("timers: " + doubled + " cases escalated more than once (" + events + " events for " + n + " timers)");
        }
        if (done >= n && (events != n || tasks != n)) {
            r.fail("timers: " + n + " escalated but " + events + " TIMEOUT_ESCALATE events and " + tasks + " accept tasks");
        }
        if (dead > 0) {
            r.fail("timers: " + dead + " jobs in the dead-letter table");
        }
        return new Round(done, n, seconds, firstAt, curve);
    }

    // ------------------------------------------------------------------------------------------------ explain

    private void explain() throws Exception {
        Explain e = new Explain(app, db);
        String township = busiest("SELECT SUBSTR(village_code, 1, 9) t, COUNT(*) n FROM dispute "
                + "WHERE current_task IS NOT NULL AND level = 'TOWNSHIP' GROUP BY t ORDER BY n DESC", 1).get(0);
        String county = busiest("SELECT county_code, COUNT(*) n FROM dispute GROUP BY county_code ORDER BY n DESC", 1).get(0);
        r.detail("sql_worklist_ms", e.explain("Worklist of a township mediator (" + township + ")",
                "cn.sanling.dispute.DisputeMapper.worklist", Explain.worklist(township)));
        var family = Explain.caseList(county, CaseStatus.CLOSED, "FAMILY", null, null);
        r.detail("sql_case_list_ms", e.explain("Case list, county " + county + ", status=CLOSED&categoryCode=FAMILY",
                "cn.sanling.dispute.DisputeMapper.search", family));
        r.detail("sql_case_count_ms", e.explain("Its total", "cn.sanling.dispute.DisputeMapper.count", family));
        var pending = Explain.caseList(county, CaseStatus.PENDING, null, null, null);
        e.explain("Case list, county " + county + ", status=PENDING", "cn.sanling.dispute.DisputeMapper.search", pending);
        var recent = Explain.caseList(county, null, null, Instant.now().minus(Duration.ofDays(90)), Instant.now());
        e.explain("Case list, county " + county + ", last 90 days", "cn.sanling.dispute.DisputeMapper.search", recent);
        e.explain("Its total", "cn.sanling.dispute.DisputeMapper.count", recent);
        // The administrator's account list (V29): the worst text search matches no account and reads the whole index.
        var name = Explain.accounts(UserFilter.of(null, "zhang", null, null));
        r.detail("sql_accounts_text_ms",
                e.explain("Accounts, q=zhang (matches none)", "cn.sanling.account.UserMapper.list", name));
        e.explain("Its total", "cn.sanling.account.UserMapper.count", name);
        var mediators = Explain.accounts(UserFilter.of(Role.MEDIATOR, null, county.substring(0, 4), null));
        r.detail("sql_accounts_city_ms", e.explain("Accounts, mediators of city " + county.substring(0, 4),
                "cn.sanling.account.UserMapper.list", mediators));
        e.explain("Its total", "cn.sanling.account.UserMapper.count", mediators);
        Path out = o.repo().resolve("bench/results/explain-" + o.mode() + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "# Query plans, " + o.mode() + " mode (" + o.cases() + " cases), " + LocalDate.now()
                + "\n\nWritten by bench/run from the application's MyBatis statements.\n\n" + e.report,
                StandardCharsets.UTF_8);
        log("explain: wrote " + out);
    }
}
