package cn.sanling.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A one-line description of where the figures were measured. */
final class Machine {

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
