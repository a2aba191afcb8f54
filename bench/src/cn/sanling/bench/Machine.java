package cn.sanling.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** A one-line description of where the figures were measured. */
final class Machine {

    /** Where the speed probe's result goes, so that the compiler cannot drop its work. */
    private static volatile long sink;

    private Machine() {
    }

    static String describe(Options o) {
        String cpu = "?";
        long memMb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim().replaceAll("\\s+", " ");
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal")) {
                    memMb = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (Exception ignored) {
            // not Linux
        }
        String db = "?";
        try (Db d = new Db(o, "")) {
            List<String[]> v = d.rows("SELECT VERSION(), @@innodb_buffer_pool_size, @@innodb_flush_log_at_trx_commit");
            db = "MariaDB " + v.get(0)[0].replaceAll("-.*", "") + " (buffer pool "
                    + Long.parseLong(v.get(0)[1]) / 1048576 + " MB, flush_log_at_trx_commit " + v.get(0)[2] + ")";
        } catch (Exception e) {
            db = "database unreachable: " + e.getMessage();
        }
        return Runtime.getRuntime().availableProcessors() + " cores " + cpu + ", " + memMb / 1024 + " GB, " + db
                + ", Java " + Runtime.version().feature();
    }

    /**
     * The machine's speed now, as the milliseconds of two fixed single-threaded workloads (the best of several
     * tries): {@code jvm} in this JVM (maps, strings and a sort, the kind of work a request does), {@code db} in
     * MariaDB ({@code BENCHMARK} of a hash). The same code on the same kind of machine ran 2-2.8x slower in some
     * sessions than in others; a run's figures compare with another run's only when their probes are close.
     */
    static void probe(Options o, Results r, String when) {
        r.detail("cpu_probe_jvm_ms_" + when, jvmProbeMs());
        try (Db d = new Db(o, "")) {
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                d.scalar("SELECT BENCHMARK(1000000, MD5('sanling'))");
                best = Math.min(best, (System.nanoTime() - t0) / 1e6);
            }
            r.detail("cpu_probe_db_ms_" + when, Math.round(best * 10) / 10.0);
        } catch (Exception e) {
            r.note("cpu_probe_db_ms_" + when + " not measured: " + e.getMessage());
        }
    }

    /** The best of 8 runs of a fixed workload; the first runs also warm it up. */
    static double jvmProbeMs() {
        double best = Double.MAX_VALUE;
        for (int run = 0; run < 8; run++) {
            long t0 = System.nanoTime();
            sink += jvmWork();
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        return Math.round(best * 10) / 10.0;
    }

    private static long jvmWork() {
        Random random = new Random(20261207L);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            counts.merge("4112" + random.nextInt(50_000), 1, Integer::sum);
        }
        int[] values = new int[500_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt();
        }
        Arrays.sort(values);
        return counts.size() + values[values.length / 2];
    }

    /** The 1/5/15-minute load averages: other work on the machine skews every figure. */
    static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (Exception e) {
            return "?";
        }
    }

    static String commit(Options o) {
        try {
            Process p = new ProcessBuilder("git", "-C", o.repo().toString(), "describe", "--always", "--dirty")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "?";
        } catch (Exception e) {
            return "?";
        }
    }
}
