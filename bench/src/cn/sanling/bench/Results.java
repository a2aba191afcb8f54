package cn.sanling.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of one run: bench/results/*.json and a row of the table in bench/README.md. */
final class Results {

    /** The figures issue 8 asks for, in this order; each is a number or null (not measured, with a note). */
    static final List<String> KEYS = List.of("raw_flowable_starts_per_s", "intake_per_s", "intake_ratio",
            "worklist_p95_ms", "case_list_p95_ms", "stats_county_p95_ms", "stats_city_p95_ms", "ledger_rows_per_s",
            "ledger_peak_heap_mb", "timers_10k_s", "startup_s", "cases");

    static final String TABLE_END = "<!-- results-table-end -->";

    final Map<String, Object> figures = new LinkedHashMap<>();
    final Map<String, Object> details = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    String machine = "";
    String commit = "";

    Results() {
        KEYS.forEach(k -> figures.put(k, null));
    }

    void put(String key, Double value) {
        if (!figures.containsKey(key)) {
            throw new IllegalArgumentException(key);
        }
        figures.put(key, value == null || value.isNaN() ? null : round(value));
    }

    void detail(String key, Object value) {
        details.put(key, value instanceof Double d ? round(d) : value);
    }

    void note(String s) {
        notes.add(s);
        System.out.println("bench: note: " + s);
    }

    void fail(String s) {
        failures.add(s);
        System.out.println("bench: FAILED: " + s);
    }

    private static Double round(double v) {
        return v >= 100 ? Math.round(v * 10) / 10.0 : Math.round(v * 1000) / 1000.0;
    }

    String json(Options o) {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"mode\": ").append(q(o.label())).append(",\n");
        b.append("  \"date\": ").append(q(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))).append(",\n");
        b.append("  \"machine\": ").append(q(machine)).append(",\n");
        b.append("  \"commit\": ").append(q(commit)).append(",\n");
        for (Map.Entry<String, Object> e : figures.entrySet()) {
            b.append("  ").append(q(e.getKey())).append(": ").append(value(e.getValue())).append(",\n");
        }
        b.append("  \"details\": {");
        String sep = "\n";
        for (Map.Entry<String, Object> e : details.entrySet()) {
            b.append(sep).append("    ").append(q(e.getKey())).append(": ").append(value(e.getValue()));
            sep = ",\n";
        }
        b.append("\n  },\n  \"notes\": [");
        sep = "\n";
        for (String n : notes) {
            b.append(sep).append("    ").append(q(n));
            sep = ",\n";
        }
        b.append("\n  ],\n  \"failures\": [");
        sep = "\n";
        for (String n : failures) {
            b.append(sep).append("    ").append(q(n));
            sep = ",\n";
        }
        return b.append("\n  ]\n}\n").toString();
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number) {
            return v.toString();
        }
        if (v instanceof Boolean) {
            return v.toString();
        }
        return q(v.toString());
    }

    private static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Writes the JSON; measured modes also become latest.json and a README row, the smoke only smoke.json. */
    void write(Options o) throws IOException {
        Path dir = o.repo().resolve("bench/results");
        Files.createDirectories(dir);
        String json = json(o);
        if (o.smoke()) {
            Files.writeString(dir.resolve("smoke.json"), json, StandardCharsets.UTF_8);
            System.out.println("bench: wrote " + dir.resolve("smoke.json"));
            return;
        }
        Files.writeString(dir.resolve("latest.json"), json, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(LocalDate.now() + "-" + o.label() + "-" + System.currentTimeMillis() / 1000 + ".json"),
                json, StandardCharsets.UTF_8);
        Path readme = o.repo().resolve("bench/README.md");
        if (Files.exists(readme)) {
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            int at = text.indexOf(TABLE_END);
            if (at >= 0) {
                StringBuilder row = new StringBuilder("| ").append(LocalDate.now()).append(" | ").append(machine)
                        .append(" | ").append(o.label()).append(" | ").append(commit);
                for (String k : KEYS) {
                    Object v = figures.get(k);
                    row.append(" | ").append(v == null ? "–" : v instanceof Double d && d == Math.rint(d) && d > 1000
                            ? String.valueOf(d.longValue()) : v);
                }
                row.append(" |\n");
                Files.writeString(readme, text.substring(0, at) + row + text.substring(at), StandardCharsets.UTF_8);
                System.out.println("bench: appended a row to " + readme);
            }
        }
        System.out.println("bench: wrote " + dir.resolve("latest.json"));
    }
}
