package cn.sanling.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC for loading and checking: one connection, multi-row batched inserts (rewriteBatchedStatements). */
final class Db implements AutoCloseable {

    final Connection c;

    Db(Options o, String database) throws SQLException {
        c = DriverManager.getConnection(o.jdbcUrl(database), o.dbUser(), o.dbPassword());
    }

    static void recreate(Options o) throws SQLException {
        try (Db db = new Db(o, "")) {
            db.exec("DROP DATABASE IF EXISTS " + o.dbName());
            db.exec("CREATE DATABASE " + o.dbName() + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        }
    }

    void exec(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    long scalar(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    List<String[]> rows(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                List<String[]> out = new ArrayList<>();
                while (rs.next()) {
                    String[] r = new String[n];
                    for (int i = 0; i < n; i++) {
                        r[i] = rs.getString(i + 1);
                    }
                    out.add(r);
                }
                return out;
            }
        }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    /** A batched INSERT that flushes every {@code batch} rows; counts rows for the load report. */
    Batch batch(String table, String... columns) throws SQLException {
        return new Batch(this, "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + "?, ".repeat(columns.length - 1) + "?)", columns.length);
    }

    Batch batchSql(String sql, int params) throws SQLException {
        return new Batch(this, sql, params);
    }

    static final class Batch implements AutoCloseable {
        private final PreparedStatement ps;
        private final int params;
        private int pending;
        long rows;

        private Batch(Db db, String sql, int params) throws SQLException {
            this.ps = db.c.prepareStatement(sql);
            this.params = params;
        }

        void add(Object... values) throws SQLException {
            if (values.length != params) {
                throw new IllegalArgumentException("expected " + params + " values, got " + values.length);
            }
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.addBatch();
            rows++;
            if (++pending >= 1000) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (pending > 0) {
                ps.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            flush();
            ps.close();
        }
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
