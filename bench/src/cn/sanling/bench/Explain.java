package cn.sanling.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import org.apache.ibatis.session.SqlSessionFactory;
import org.springframework.context.ApplicationContext;

import cn.sanling.account.UserFilter;
import cn.sanling.dispute.CaseLevel;
import cn.sanling.dispute.CaseStatus;
import cn.sanling.region.Scope;

/**
 * EXPLAIN of the application's own SQL: the statement is taken from the MyBatis mapper as the application would run
 * it (same dynamic SQL, same parameter binding), so the plans in the README cannot drift from the mapper XML.
 */
final class Explain {

    private final ApplicationContext app;
    private final Db db;
    final StringBuilder report = new StringBuilder();

    Explain(ApplicationContext app, Db db) {
        this.app = app;
        this.db = db;
    }

    static Map<String, Object> worklist(String township) {
        Map<String, Object> p = new HashMap<>();
        p.put("scope", Scope.of(township));
        p.put("tasks", java.util.List.of("ACCEPT", "MEDIATE", "FOLLOW_UP"));
        p.put("level", CaseLevel.TOWNSHIP);
        p.put("attentionOnly", false);
        p.put("limit", 200);
        return p;
    }

    /** GET /api/v1/admin/users with this filter, first page of 20 (UserService's page). */
    static Map<String, Object> accounts(UserFilter filter) {
        Map<String, Object> p = new HashMap<>();
        p.put("f", filter);
        p.put("now", Instant.now());
        p.put("offset", 0);
        p.put("limit", 20);
        return p;
    }

    /** GET /api/v1/disputes?status=..&categoryCode=..&from=.. as a county user, first page of 20, newest first. */
    static Map<String, Object> caseList(String county, CaseStatus status, String category, Instant from, Instant to)
            throws ReflectiveOperationException {
        // by component name, so a filter that gains a field does not break the harness
        Class<?> filter = Class.forName("cn.sanling.dispute.CaseFilter");
        Map<String, Object> values = new HashMap<>();
        values.put("status", status);
        values.put("categoryCode", category);
        values.put("from", from);
        values.put("to", to);
        values.put("offset", 0);
        values.put("size", 20);
        values.put("sortColumn", "d.reported_at");
        values.put("descending", true);
        RecordComponent[] parts = filter.getRecordComponents();
        Object[] args = new Object[parts.length];
        Class<?>[] types = new Class<?>[parts.length];
        for (int i = 0; i < parts.length; i++) {
            types[i] = parts[i].getType();
            args[i] = values.containsKey(parts[i].getName()) ? values.get(parts[i].getName())
                    : types[i] == boolean.class ? false : types[i] == int.class ? 0 : null;
        }
        Constructor<?> c = filter.getDeclaredConstructor(types);
        c.setAccessible(true);
        Object f = c.newInstance(args);
        Map<String, Object> p = new HashMap<>();
        p.put("f", f);
        p.put("scope", Scope.of(county));
        return p;
    }

    /** Appends the plan and the median time of the bare statement (no HTTP, no JSON) to the report. */
    double explain(String title, String statement, Map<String, Object> params) throws Exception {
        MappedStatement ms = app.getBean(SqlSessionFactory.class).getConfiguration().getMappedStatement(statement);
        BoundSql bound = ms.getBoundSql(params);
        String sql = bound.getSql().replaceAll("\\s+", " ").trim();
        report.append("### ").append(title).append("\n\n```sql\n").append(sql).append("\n```\n\n");
        for (String prefix : new String[] {"EXPLAIN ", "ANALYZE "}) {
            try (PreparedStatement ps = db.c.prepareStatement(prefix + sql)) {
                new DefaultParameterHandler(ms, params, bound).setParameters(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    report.append(table(rs)).append('\n');
                }
            }
        }
        long[] t = new long[15];
        for (int i = 0; i < t.length; i++) {
            try (PreparedStatement ps = db.c.prepareStatement(sql)) {
                new DefaultParameterHandler(ms, params, bound).setParameters(ps);
                long t0 = System.nanoTime();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // drain
                    }
                }
                t[i] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(t);
        double ms2 = t[t.length / 2] / 1e6;
        report.append(String.format("median of %d runs of the bare statement: %.2f ms%n%n", t.length, ms2));
        return ms2;
    }

    private static String table(ResultSet rs) throws Exception {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        StringBuilder b = new StringBuilder("|");
        for (int i = 1; i <= n; i++) {
            b.append(' ').append(md.getColumnLabel(i)).append(" |");
        }
        b.append("\n|").append(" --- |".repeat(n)).append('\n');
        while (rs.next()) {
            b.append('|');
            for (int i = 1; i <= n; i++) {
                String v = rs.getString(i);
                b.append(' ').append(v == null ? "" : v.replace("|", "\\|")).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }
}
