package cn.sanling.audit;

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
 * DATETIME column of the database is moved by that zone's offset, Flowable's included; TIMESTAMP columns (Flowable's
 * timers) hold instants and stay. A zone whose offset changed since 1995 is refused: its times need converting
 * value by value. A database URL that names a zone itself (connectionTimeZone) keeps that zone: nothing moves.
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
        Optional<ZoneId> written = writtenIn(c, List.of(ZoneId.systemDefault(), ZoneId.of("Asia/Shanghai")));
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
        Map<String, List<String>> columns = datetimeColumns(c);
        for (Map.Entry<String, List<String>> table : columns.entrySet()) {
            List<String> sets = new ArrayList<>();
            table.getValue().forEach(col -> sets.add(quote(col) + " = " + quote(col) + " - INTERVAL ? SECOND"));
            try (PreparedStatement p = c.prepareStatement("UPDATE " + quote(table.getKey()) + " SET "
                    + String.join(", ", sets))) {
                for (int i = 1; i <= sets.size(); i++) {
                    p.setInt(i, offset);
                }
                p.executeUpdate();
            }
        }
        if (!verifiesIn(c, ZoneOffset.UTC).orElse(true)) {
            throw new FlywayException("Moving the times written in " + zone + " to UTC left the newest audit entry "
                    + "unverified; nothing was changed");
        }
        log.warn("This database's times were written in {} by a version from before 2026-12-06: {} DATETIME "
                + "columns of {} tables moved to UTC", zone, columns.values().stream().mapToInt(List::size).sum(),
                columns.size());
    }

    /**
     * The zone the newest audit entry's time was written in: empty when it is UTC (or there is no entry), the first
     * candidate it verifies in otherwise. One that verifies in none is left alone (its chain is broken whatever its
     * zone, which the auditor's check names): no guess is made.
     */
    private static Optional<ZoneId> writtenIn(Connection c, List<ZoneId> candidates) throws SQLException {
        if (verifiesIn(c, ZoneOffset.UTC).orElse(true)) {
            return Optional.empty();
        }
        for (ZoneId zone : candidates) {
            if (verifiesIn(c, zone).orElse(false)) {
                return Optional.of(zone);
            }
        }
        log.warn("The newest audit entry verifies in none of UTC and {}: the times of this database are left as "
                + "they are", candidates);
        return Optional.empty();
    }

    /** Whether the newest audit entry verifies with its wall-clock time read in {@code zone}; empty without one. */
    private static Optional<Boolean> verifiesIn(Connection c, ZoneId zone) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, at, actor, role, action, "
                + "target_type, target_id, region_code, from_status, to_status, client_ip, result, detail, prev_hash, "
                + "hash FROM audit_log ORDER BY id DESC LIMIT 1")) {
            if (!r.next()) {
                return Optional.empty();
            }
            AuditEntry e = new AuditEntry(r.getLong("id"),
                    r.getObject("at", LocalDateTime.class).atZone(zone).toInstant(), r.getString("actor"),
                    r.getString("role"), r.getString("action"), r.getString("target_type"), r.getString("target_id"),
                    r.getString("region_code"), r.getString("from_status"), r.getString("to_status"),
                    r.getString("client_ip"), r.getString("result"), r.getString("detail"), r.getString("prev_hash"),
                    r.getString("hash"));
            return Optional.of(AuditLog.hash(e).equals(e.hash()));
        }
    }

    private static Map<String, List<String>> datetimeColumns(Connection c) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT table_name, column_name "
                + "FROM information_schema.columns WHERE table_schema = DATABASE() AND data_type = 'datetime' "
                + "ORDER BY table_name, ordinal_position")) {
            while (r.next()) {
                columns.computeIfAbsent(r.getString(1), t -> new ArrayList<>()).add(r.getString(2));
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
