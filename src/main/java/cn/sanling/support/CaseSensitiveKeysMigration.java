package cn.sanling.support;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 20: the keys that make a request safe to repeat compare exactly on MySQL and MariaDB too. A
 * database created with {@code utf8mb4} compares text without regard to case ({@code utf8mb4_general_ci}), so
 * {@code Idempotency-Key: case-key-x1} was taken as a repeat of {@code Case-KEY-x1}, and its report was silently
 * answered with another case; likewise two 110 alert ids or two forms' keys differing in case. The key columns get
 * the binary collation there. H2 compares text exactly already, and does not take this column change on a primary
 * key; a Java migration because the statement is MySQL's alone.
 */
@Component
public class CaseSensitiveKeysMigration extends NumberedMigration {

    static final List<String> MYSQL = List.of(
            "ALTER TABLE idempotency_key MODIFY idem_key VARCHAR(100) COLLATE utf8mb4_bin NOT NULL",
            "ALTER TABLE police_alert MODIFY alert_id VARCHAR(64) COLLATE utf8mb4_bin NOT NULL",
            "ALTER TABLE visit MODIFY submission_key VARCHAR(100) COLLATE utf8mb4_bin");

    public CaseSensitiveKeysMigration() {
        super("20", "case-sensitive request keys on MySQL");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        if (!mysql(context.getConnection())) {
            return;
        }
        try (Statement s = context.getConnection().createStatement()) {
            for (String sql : MYSQL) {
                s.execute(sql);
            }
        }
    }
}
