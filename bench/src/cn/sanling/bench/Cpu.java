package cn.sanling.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time spent by this JVM (the application, the load generator, the JIT and the GC), by some of its threads, and
 * by the database server when it runs on this machine: what an operation costs, not only how long it took. On 2
 * cores shared by the JVM and MariaDB, a phase's rate is its CPU cost per operation. Beside it, what the database
 * server was asked to do per operation: its global status counters (statements by kind, prepares and executes,
 * handler reads, bytes), which count every client of the server, the harness's own checks included.
 */
final class Cpu {

    /** The database server's process name: MariaDB's, or MySQL's. */
    private static final Set<String> DATABASE_COMMANDS = Set.of("mariadbd", "mysqld");

    /** Linux's USER_HZ: /proc/[pid]/stat counts clock ticks of 1/100 s on every architecture the JDK runs on. */
    private static final double TICK_MS = 10.0;

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The server's counters read per operation: statements, prepared statements, handler and row reads, traffic. */
    private static final Pattern STATUS = Pattern.compile(
            "Com_(?:select|insert|update|delete|commit|rollback|begin|set_option|stmt_\\w+)|Questions|Handler_\\w+"
                    + "|Innodb_rows_\\w+|Select_\\w+|Sort_\\w+|Created_tmp_\\w+|Bytes_\\w+");

    /**
     * A reading: JVM CPU, CPU of the threads the predicate picks, of the JIT compiler threads, database server CPU
     * (-1 when not readable), the database server's status counters (empty when not readable).
     */
    record Reading(long jvmNanos, Map<Long, Long> pickedNanos, long jitTicks, long dbTicks, Map<String, Long> dbStatus) {
    }

    /**
     * The CPU of one stretch of work, per operation, and the database server's counters that moved, per operation
     * ({@code dbStatus}: name to delta / operations, those of at least 0.01, by name).
     */
    record PerOp(double jvmMs, double threadsMs, Double jitMs, Double dbMs, Map<String, Double> dbStatus) {

        Map<String, Object> details(String prefix, String threadsName) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(prefix + "_jvm_cpu_ms", jvmMs);
            if (threadsName != null) {
                m.put(prefix + "_" + threadsName + "_cpu_ms", threadsMs);
            }
            if (jitMs != null) {
                m.put(prefix + "_jit_cpu_ms", jitMs);
            }
            if (dbMs != null) {
                m.put(prefix + "_db_cpu_ms", dbMs);
            }
            if (!dbStatus.isEmpty()) {
                m.put(prefix + "_db_status_per_op", statusText());
            }
            return m;
        }

        /** "Com_commit 1.00, Com_select 3.02, ...": the counters that moved, per operation. */
        String statusText() {
            StringBuilder b = new StringBuilder();
            dbStatus.forEach((k, v) -> b.append(b.isEmpty() ? "" : ", ").append(k).append(' ')
                    .append(String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v)));
            return b.toString();
        }
    }

    private final Path dbStat;
    private final Options o;

    /**
     * {@code localDatabase}: the database server runs on this machine (its CPU is read from /proc); its status
     * counters are read over a connection of their own wherever it runs.
     */
    Cpu(boolean localDatabase, Options o) {
        this.dbStat = localDatabase ? databaseStat() : null;
        this.o = o;
    }

    Reading read(Predicate<String> threads) {
        Map<Long, Long> picked = new HashMap<>();
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null && threads.test(t.getThreadName())) {
                long ns = THREADS.getThreadCpuTime(t.getThreadId());
                if (ns >= 0) {
                    picked.put(t.getThreadId(), ns);
                }
            }
        }
        return new Reading(OS.getProcessCpuTime(), picked, jitTicks(), dbStat == null ? -1 : ticks(dbStat), status());
    }

    /** The server's global status counters this harness reports; empty when they cannot be read. */
    private Map<String, Long> status() {
        Map<String, Long> m = new HashMap<>();
        try (Db d = new Db(o, "")) {
            for (String[] row : d.rows("SHOW GLOBAL STATUS")) {
                if (STATUS.matcher(row[0]).matches()) {
                    try {
                        m.put(row[0], Long.parseLong(row[1]));
                    } catch (NumberFormatException notCounter) {
                        // a status that is not a count
                    }
                }
            }
        } catch (Exception e) {
            return Map.of();
        }
        return m;
    }

    static PerOp perOp(Reading from, Reading to, double ops) {
        double n = Math.max(1, ops);
        // per thread: a pool thread that ends in between takes its time with it, one that starts counts from zero
        long picked = 0;
        for (Map.Entry<Long, Long> t : to.pickedNanos().entrySet()) {
            picked += Math.max(0, t.getValue() - from.pickedNanos().getOrDefault(t.getKey(), 0L));
        }
        Map<String, Double> status = new TreeMap<>();
        for (Map.Entry<String, Long> e : to.dbStatus().entrySet()) {
            Long before = from.dbStatus().get(e.getKey());
            double perOp = before == null ? 0 : (e.getValue() - before) / n;
            if (perOp >= 0.01) {
                status.put(e.getKey(), perOp);
            }
        }
        return new PerOp((to.jvmNanos() - from.jvmNanos()) / 1e6 / n, picked / 1e6 / n,
                perOp(from.jitTicks(), to.jitTicks(), n), perOp(from.dbTicks(), to.dbTicks(), n), status);
    }

    private static Double perOp(long fromTicks, long toTicks, double n) {
        return fromTicks < 0 || toTicks < 0 ? null : (toTicks - fromTicks) * TICK_MS / n;
    }

    /** The JIT compiler threads of this JVM (not Java threads, so not in ThreadMXBean): -1 when /proc is not there. */
    private static long jitTicks() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(t -> comm(t).matches("C[12] CompilerThre.*"))
                    .mapToLong(t -> Math.max(0, ticks(t.resolve("stat")))).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    /** utime + stime of a /proc/.../stat, in clock ticks; -1 when it cannot be read. */
    private static long ticks(Path stat) {
        try {
            // fields after the command's closing parenthesis: state is the 3rd field, utime the 14th, stime the 15th
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) {
            return -1;
        }
    }

    /** The command name of a /proc process or task directory, trimmed; empty when it cannot be read. */
    private static String comm(Path dir) {
        try {
            return Files.readString(dir.resolve("comm")).trim();
        } catch (Exception e) {
            return "";
        }
    }

    /** /proc/[pid]/stat of the local mariadbd or mysqld, or null (another machine, not Linux, not visible). */
    private static Path databaseStat() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> DATABASE_COMMANDS.contains(comm(p)))
                    .map(p -> p.resolve("stat")).findFirst().orElse(null);
        } catch (Exception e) {
            return null;
        }
    }
}
