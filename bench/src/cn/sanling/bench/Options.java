package cn.sanling.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Command line of bench/run: the mode sets sizes and durations; single flags override them. */
record Options(String mode, int cases, String regionPrefix, Duration warmup, Duration phase, int clients,
        int timers, Duration timerTimeout, boolean startup, Path regionsCsv, Path repo, Path jar, String dbHost,
        String dbName, String dbUser, String dbPassword, long seed, boolean reuseDb) {

    static Options parse(String[] args) {
        String mode = "quick";
        Integer cases = null;
        Integer timers = null;
        Integer warmup = null;
        String region = null;
        Boolean startup = null;
        boolean reuseDb = false;
        Path regions = null;
        Path repo = Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath().normalize();
        Path jar = System.getProperty("bench.jar") == null ? null : Path.of(System.getProperty("bench.jar"));
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--smoke" -> mode = "smoke";
                case "--quick" -> mode = "quick";
                case "--full" -> mode = "full";
                case "--cases" -> cases = Integer.parseInt(args[++i].replace("_", ""));
                case "--timers" -> timers = Integer.parseInt(args[++i].replace("_", ""));
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--region" -> region = args[++i];
                case "--regions-csv" -> regions = Path.of(args[++i]);
                case "--no-startup" -> startup = false;
                case "--reuse-db" -> reuseDb = true;
                default -> throw new IllegalArgumentException("unknown option " + a
                        + " (use --smoke | --quick | --full, --cases N, --timers N, --warmup SECONDS, --region CODE, --regions-csv FILE, --no-startup, --reuse-db)");
            }
        }
        if (regions == null) {
            String env = System.getenv("SANLING_BENCH_REGIONS");
            regions = env != null && !env.isBlank() ? Path.of(env) : repo.resolve("../shared/data/regions-henan.csv").normalize();
            // the smoke needs only 三门峡 (4112), whose rows the repository carries (bench/data), so CI can run it
            // from a clone that has no ../shared beside it
            Path sanmenxia = repo.resolve("bench/data/regions-sanmenxia.csv");
            if (!Files.isReadable(regions) && "smoke".equals(mode) && region == null && Files.isReadable(sanmenxia)) {
                regions = sanmenxia;
            }
        }
        if (!Files.isReadable(regions)) {
            throw new IllegalArgumentException("Henan region list not found at " + regions + ": the harness reads "
                    + "../shared/data/regions-henan.csv beside the repository (or SANLING_BENCH_REGIONS / --regions-csv)");
        }
        String db = env("SANLING_BENCH_DB", "sanling_bench");
        if (db.equals("test") || db.startsWith("test_") || !db.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("refusing to use database '" + db + "': the bench drops and recreates it");
        }
        boolean smoke = mode.equals("smoke");
        boolean full = mode.equals("full");
        return new Options(mode,
                cases != null ? cases : smoke ? 1_000 : full ? 1_000_000 : 100_000,
                region != null ? region : smoke ? "4112" : "41",
                Duration.ofSeconds(warmup != null ? warmup : smoke ? 1 : 5),
                Duration.ofSeconds(smoke ? 3 : full ? 30 : 15),
                8,
                timers != null ? timers : smoke ? 200 : 10_000,
                Duration.ofSeconds(smoke ? 90 : full ? 600 : 240),
                startup != null ? startup : !reuseDb,
                regions, repo, jar,
                env("SANLING_BENCH_DB_HOST", "127.0.0.1:3306"), db, env("SANLING_BENCH_DB_USER", "root"),
                env("SANLING_BENCH_DB_PASSWORD", ""),
                20260101L, reuseDb);
    }

    /** The mode as results name it: a run on a reused database is not a whole run of its mode. */
    String label() {
        return reuseDb ? mode + "-reused" : mode;
    }

    boolean smoke() {
        return mode.equals("smoke");
    }

    /** Connector/J's parameters of application-mysql.yml's default URL, which README recommends. */
    static final String DRIVER_PARAMS = "nullCatalogMeansCurrent=true&rewriteBatchedStatements=true&useServerPrepStmts=true"
            + "&cachePrepStmts=true&prepStmtCacheSize=250&prepStmtCacheSqlLimit=4096&useLocalSessionState=true&characterEncoding=UTF-8";

    /** The URL of the loader and the application: README's driver parameters, or SANLING_BENCH_JDBC_PARAMS to compare others. */
    String jdbcUrl(String database) {
        return "jdbc:mysql://" + dbHost + "/" + database + "?" + env("SANLING_BENCH_JDBC_PARAMS", DRIVER_PARAMS)
                + "&useSSL=false&allowPublicKeyRetrieval=true";
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
