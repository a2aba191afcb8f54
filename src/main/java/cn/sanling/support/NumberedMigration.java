package cn.sanling.support;

import java.sql.Connection;
import java.sql.SQLException;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway migration written in Java, numbered among the SQL ones of {@code sql/} (Spring Boot hands such beans to
 * Flyway): its version and description given, no checksum, one transaction.
 */
public abstract class NumberedMigration implements JavaMigration {

    private final MigrationVersion version;
    private final String description;

    protected NumberedMigration(String version, String description) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
    }

    @Override
    public final MigrationVersion getVersion() {
        return version;
    }

    @Override
    public final String getDescription() {
        return description;
    }

    @Override
    public final Integer getChecksum() {
        return null;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }

    /** Whether the migration runs on MySQL or MariaDB (not the embedded H2). */
    protected static boolean mysql(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName();
        return "MySQL".equalsIgnoreCase(product) || "MariaDB".equalsIgnoreCase(product);
    }
}
