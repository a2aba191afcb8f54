package cn.sanling.testing;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Undoes what a migration after the one a test rewinds did to the schema, where applying it again would fail: a test
 * that deletes history rows to simulate an older database (PiiKeyCheckTest, LocalTimesMigrationTest) has Flyway apply
 * the later migrations again. V27, V28 and V31 can be (V28 and V31 drop their index first); V29, V30 and V32 create
 * indexes only.
 */
public final class LaterMigrations {

    /** The indexes V29 adds to app_user. */
    private static final List<String> V29_INDEXES = List.of("ix_app_user_list", "ix_app_user_role",
            "ix_app_user_region", "ix_app_user_locked", "ix_app_user_enabled");

    private LaterMigrations() {
    }

    /** The index V30 adds to region. */
    private static final String V30_INDEX = "ix_region_level";

    /** The index V32 adds to dispute. */
    private static final String V32_INDEX = "ix_dispute_attention";

    /** On the embedded H2, through a connection to its database. */
    public static void undoOnH2(Statement s) throws SQLException {
        for (String index : V29_INDEXES) {
            s.execute("DROP INDEX " + index);
        }
        s.execute("DROP INDEX " + V30_INDEX);
        s.execute("DROP INDEX " + V32_INDEX);
    }

    /** On MariaDB, through a connection to the server, for the named database. */
    public static void undoOnMariaDb(Statement s, String database) throws SQLException {
        s.execute("ALTER TABLE " + database + ".app_user DROP INDEX "
                + String.join(", DROP INDEX ", V29_INDEXES));
        s.execute("ALTER TABLE " + database + ".region DROP INDEX " + V30_INDEX);
        s.execute("ALTER TABLE " + database + ".dispute DROP INDEX " + V32_INDEX);
    }
}
