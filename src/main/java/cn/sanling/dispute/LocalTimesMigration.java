package cn.sanling.dispute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.sanling.audit.AuditEntry;
import cn.sanling.audit.AuditLog;
import cn.sanling.support.NumberedMigration;

/**
 * Flyway migration 27 (MySQL and MariaDB): times an older version wrote in its machine's zone become UTC.
 *
 * <p>Before 2026-12-06 a node wrote DATETIME columns as the wall-clock time of its JVM's zone; since then every
 * connection is in UTC (cn.sanling.support.DatabaseTimeZone). A database such a node filled on a server in
 * Asia/Shanghai read every stored time eight hours late after the upgrade (cases reported "in the future", deadlines
 * moved) and its audit chain failed at the first entry (the upgrade audit).
 *
 * <p>The newest audit entry says which zone it was written in: its hash covers its instant, and it verifies with its
 * wall-clock time read in one zone only. When that is not UTC (the candidates are the JVM's zone and China's), every
 * DATETIME column of the database is moved by that zone's offset, Flowable's included. Flowable's TIMESTAMP columns
 * (its timers' due times) hold instants the server took from the same wall-clock times in its own zone: right when
 * the server ran in the node's zone, and as many hours off as the two zones differ when not (a server in UTC under a
 * node in China time: every timer eight hours late, the re-check found); those are moved by that difference. The
 * statistics' finished-case counts (V14) were taken by month from the unmoved times: they are counted again.
 *
 * <p>A zone whose offset changed since 1995 is refused: its times need converting value by value. A database URL
 * that names a zone itself (connectionTimeZone) keeps that zone: nothing moves.
 */
@Component
public class LocalTimesMigration extends NumberedMigration {

    private static final Logger log = LoggerFactory.getLogger(LocalTimesMigration.class);
    private static final Instant FIXED_SINCE = Instant.parse("1995-01-01T00:00:00Z");

    public LocalTimesMigration() {
        super("27", "times written in the machine's zone to UTC on MySQL");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        if (!mysql(c)) {
            return; // the embedded H2 reads and writes in the JVM's zone, as it always did
        }
        if (!Set.of("+00:00", "UTC").contains(single(c, "SELECT @@session.time_zone"))) {
            return; // the URL chose its zone; the data is read in it
        }
        Optional<NewestEntry> newest = NewestEntry.read(c);
        Optional<ZoneId> written = newest.flatMap(e -> e.writtenIn(List.of(ZoneId.systemDefault(),
                ZoneId.of("Asia/Shanghai"))));
        if (written.isEmpty()) {
            return;
        }
        ZoneId zone = written.get();
        if (zone.getRules().nextTransition(FIXED_SINCE) != null) {
            throw new FlywayException("The times in this database were written in " + zone + " by a version from "
                    + "before 2026-12-06; its offset changes over the year, so they cannot be moved to UTC by one "
                    + "offset. Convert its DATETIME columns to UTC value by value, or add connectionTimeZone=" + zone
                    + " to the database URL to keep reading them in that zone.");
        }
        int offset = zone.getRules().getOffset(Instant.now()).getTotalSeconds();
        Map<String, List<String>> columns = columns(c, "datetime");
        move(c, columns, "%s - INTERVAL ? SECOND", offset);
        if (!NewestEntry.read(c).orElseThrow().verifiesIn(ZoneOffset.UTC)) {
            throw new FlywayException("Moving the times written in " + zone + " to UTC left the newest audit entry "
                    + "unverified; nothing was changed");
        }
        int timestamps = moveTimestamps(c, offset);
        int counted = FinishedCaseCountsMigration.rebuild(c);
        log.warn("This database's times were written in {} by a version from before 2026-12-06: {} DATETIME "
                + "columns of {} tables moved to UTC, {} TIMESTAMP columns to the instants meant, the statistics' "
                + "finished-case counts taken again ({} rows)", zone, count(columns), columns.size(), timestamps,
                counted);
    }

    /**
     * Flowable's TIMESTAMP values were taken by the server from the node's wall-clock time in the server's zone: the
     * wall-clock time is the value in the server's zone, the instant meant is that time in the node's zone ({@code
     * offset}). Nothing moves when the server's zone is the node's. Returns the number of columns moved.
     */
    private static int moveTimestamps(Connection c, int offset) throws SQLException {
        String server = single(c, "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), "
                + "CONVERT_TZ(UTC_TIMESTAMP(), '+00:00', @@global.time_zone))");
        if (server == null) {
            throw new FlywayException("The database server's time zone (@@global.time_zone) is not one it can convert "
                    + "to; set it to an offset ('+08:00') or load its time zone tables, then start again");
        }
        if (Integer.parseInt(server) == offset) {
            return 0;
        }
        Map<String, List<String>> columns = columns(c, "timestamp");
        columns.remove("flyway_schema_history"); // installed_on is the server's own clock
        move(c, columns, "CONVERT_TZ(%s, '+00:00', @@global.time_zone) - INTERVAL ? SECOND", offset);
        return count(columns);
    }

    /**
     * Sets every column to {@code expression} of itself ({@code %s} the column, {@code ?} the offset in seconds), one
     * statement per table.
     */
    private static void move(Connection c, Map<String, List<String>> columns, String expression, int offset)
            throws SQLException {
        for (Map.Entry<String, List<String>> table : columns.entrySet()) {
            List<String> sets = table.getValue().stream()
                    .map(col -> quote(col) + " = " + expression.formatted(quote(col))).toList();
            try (PreparedStatement p = c.prepareStatement("UPDATE " + quote(table.getKey()) + " SET "
                    + String.join(", ", sets))) {
                for (int i = 1; i <= sets.size(); i++) {
                    p.setInt(i, offset);
                }
                p.executeUpdate();
            }
        }
    }

    private static int count(Map<String, List<String>> columns) {
        return columns.values().stream().mapToInt(List::size).sum();
    }

    /** The newest audit entry, with its time as stored: a wall-clock time whose zone is to be found. */
    private record NewestEntry(LocalDateTime wall, AuditEntry entry) {

        static Optional<NewestEntry> read(Connection c) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, at, actor, role, "
                    + "action, target_type, target_id, region_code, from_status, to_status, client_ip, result, detail, "
                    + "prev_hash, hash FROM audit_log ORDER BY id DESC LIMIT 1")) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new NewestEntry(r.getObject("at", LocalDateTime.class), new AuditEntry(
                        r.getLong("id"), null, r.getString("actor"), r.getString("role"), r.getString("action"),
                        r.getString("target_type"), r.getString("target_id"), r.getString("region_code"),
                        r.getString("from_status"), r.getString("to_status"), r.getString("client_ip"),
                        r.getString("result"), r.getString("detail"), r.getString("prev_hash"), r.getString("hash"))));
            }
        }

        /** Whether it verifies with its wall-clock time read in {@code zone}. */
        boolean verifiesIn(ZoneId zone) {
            AuditEntry e = entry;
            return AuditLog.verifies(new AuditEntry(e.id(), wall.atZone(zone).toInstant(), e.actor(), e.role(),
                    e.action(), e.targetType(), e.targetId(), e.regionCode(), e.fromStatus(), e.toStatus(),
                    e.clientIp(), e.result(), e.detail(), e.prevHash(), e.hash()));
        }

        /**
         * The zone it was written in: empty when it is UTC, the first candidate it verifies in otherwise. One that
         * verifies in none is left alone (its chain is broken whatever its zone, which the auditor's check names):
         * no guess is made.
         */
        Optional<ZoneId> writtenIn(List<ZoneId> candidates) {
            if (verifiesIn(ZoneOffset.UTC)) {
                return Optional.empty();
            }
            Optional<ZoneId> zone = candidates.stream().filter(this::verifiesIn).findFirst();
            if (zone.isEmpty()) {
                log.warn("The newest audit entry ({}) verifies in none of UTC and {}: the times of this database are "
                        + "left as they are", entry.id(), candidates);
            }
            return zone;
        }
    }

    /** The database's columns of a type, by table. */
    private static Map<String, List<String>> columns(Connection c, String type) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT table_name, column_name FROM information_schema.columns "
                + "WHERE table_schema = DATABASE() AND data_type = ? ORDER BY table_name, ordinal_position")) {
            p.setString(1, type);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    columns.computeIfAbsent(r.getString(1), t -> new ArrayList<>()).add(r.getString(2));
                }
            }
        }
        return columns;
    }

    /** An identifier read from the information schema, quoted for MySQL. */
    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }
}
