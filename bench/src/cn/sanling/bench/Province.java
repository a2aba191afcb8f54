package cn.sanling.bench;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The organisation of the province (or of the --region subset): every region of the statistical division list,
 * 1-5 grids per village, and one account per grid (grid worker), per village/township/county (mediator) and per
 * county/city/province (supervisor). All accounts share one password hashed once by the application's encoder.
 */
final class Province {

    static final String PASSWORD = "Bench@Sanling2026";

    record Village(String code, String name, String[] grids) {
        String township() {
            return code.substring(0, 9);
        }

        String county() {
            return code.substring(0, 6);
        }
    }

    final List<Village> villages = new ArrayList<>();
    final List<String> townships = new ArrayList<>();
    final List<String> counties = new ArrayList<>();
    final List<String> cities = new ArrayList<>();
    long regionRows;
    long gridRows;
    long userRows;

    static Province load(Options o, Db db, String passwordHash) throws Exception {
        Province p = new Province();
        Random random = new Random(o.seed());
        Timestamp now = Timestamp.from(Instant.now());
        String prefix = o.regionPrefix();
        try (BufferedReader in = Files.newBufferedReader(o.regionsCsv(), StandardCharsets.UTF_8);
                Db.Batch regions = db.batchSql(
                        "INSERT IGNORE INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?)", 4)) {
            String header = in.readLine();
            if (header == null || !header.startsWith("code,name,level,parent_code")) {
                throw new IllegalStateException(o.regionsCsv() + ": expected the header code,name,level,parent_code");
            }
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split(",", -1);
                String code = f[0];
                // the subset and its ancestors (whose codes are prefixes of the subset's prefix)
                if (!code.startsWith(prefix) && !prefix.startsWith(code)) {
                    continue;
                }
                regions.add(code, f[1], f[2], f[3].isEmpty() ? null : f[3]);
                switch (f[2]) {
                    case "CITY" -> p.cities.add(code);
                    case "COUNTY" -> p.counties.add(code);
                    case "TOWNSHIP" -> p.townships.add(code);
                    case "VILLAGE" -> {
                        if (code.startsWith(prefix)) {
                            int n = 1 + random.nextInt(5);
                            String[] grids = new String[n];
                            for (int g = 0; g < n; g++) {
                                grids[g] = code + String.format("%03d", g + 1);
                            }
                            p.villages.add(new Village(code, f[1], grids));
                        }
                    }
                    default -> { }
                }
            }
            p.regionRows = regions.rows;
        }
        p.townships.removeIf(t -> !t.startsWith(prefix));
        p.counties.removeIf(t -> !t.startsWith(prefix));
        p.cities.removeIf(t -> !t.startsWith(prefix) && !prefix.startsWith(t));
        if (p.villages.isEmpty()) {
            throw new IllegalStateException("no villages under " + prefix + " in " + o.regionsCsv());
        }
        try (Db.Batch grids = db.batch("grid", "code", "village_code", "name");
                Db.Batch users = db.batch("app_user", "username", "display_name", "password_hash", "role",
                        "region_code", "enabled", "failed_attempts", "created_at", "updated_at", "version")) {
            for (Village v : p.villages) {
                for (int g = 0; g < v.grids.length; g++) {
                    grids.add(v.grids[g], v.code, "第" + (g + 1) + "网格");
                    users.add(gridWorker(v.grids[g]), v.name + "第" + (g + 1) + "网格网格员", passwordHash, "GRID_WORKER",
                            v.grids[g], true, 0, now, now, 0);
                }
                users.add(mediator(v.code), v.name + "调解员", passwordHash, "MEDIATOR", v.code, true, 0, now, now, 0);
            }
            for (String t : p.townships) {
                users.add(mediator(t), t + "乡镇调解员", passwordHash, "MEDIATOR", t, true, 0, now, now, 0);
            }
            for (String c : p.counties) {
                users.add(mediator(c), c + "县级调解员", passwordHash, "MEDIATOR", c, true, 0, now, now, 0);
                users.add(supervisor(c), c + "综治中心督导", passwordHash, "SUPERVISOR", c, true, 0, now, now, 0);
            }
            for (String c : p.cities) {
                users.add(supervisor(c), c + "市委政法委督导", passwordHash, "SUPERVISOR", c, true, 0, now, now, 0);
            }
            users.add(supervisor("41"), "河南省督导", passwordHash, "SUPERVISOR", "41", true, 0, now, now, 0);
            grids.flush();
            users.flush();
            p.gridRows = grids.rows;
            p.userRows = users.rows;
        }
        return p;
    }

    static String gridWorker(String grid) {
        return "gw_" + grid;
    }

    static String mediator(String region) {
        return "med_" + region;
    }

    static String supervisor(String region) {
        return "sup_" + region;
    }
}
