package cn.sanling.workflow;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.mapping.SqlSource;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.scripting.xmltags.DynamicSqlSource;
import org.apache.ibatis.scripting.xmltags.ForEachSqlNode;
import org.apache.ibatis.scripting.xmltags.MixedSqlNode;
import org.apache.ibatis.scripting.xmltags.SqlNode;
import org.apache.ibatis.scripting.xmltags.StaticTextSqlNode;
import org.apache.ibatis.session.Configuration;

/**
 * Renders each of Flowable's bulk statements once per list size instead of on every flush.
 *
 * <p>Flowable writes new rows with one multi-row insert per table, a MyBatis {@code <foreach>} over the entities.
 * MyBatis renders such a statement anew for every execution: a regular expression compiled for each {@code #{...}}
 * of each row, then a parameter mapping resolved by reflection for each. In a profile of reports under load that was
 * 27.6% of the request threads' samples (bench/README.md, fifteenth session). Yet a statement
 * whose text outside and inside the {@code <foreach>} is plain text renders to the same SQL and the same parameter
 * mappings for every list of the same size and element class; only the values differ, and MyBatis reads those from
 * the rows at execution time. This interceptor keeps that shape per size and binds each new list's rows to it.
 *
 * <p>It is conservative: only update statements (inserts, updates, deletes) whose whole script is static text
 * around one {@code <foreach>} over {@code list} with a static body; lists of up to {@value #MAX_SIZE} distinct
 * rows of one class (not maps); a shape is kept only if every extra parameter of the first rendering is one of the
 * list's rows, its position, the statement's parameter or the database id, and every {@code #{...}} is a property of
 * a row itself. Anything else renders as MyBatis always did.
 */
@Intercepts(@Signature(type = Executor.class, method = "update", args = {MappedStatement.class, Object.class}))
final class BulkSqlShapes implements Interceptor {

    /** Larger lists (Flowable splits bulk inserts at 100 rows) render as before; the cache stays small. */
    static final int MAX_SIZE = 16;

    private static final String LIST = "list";

    /** Per statement: the copy that renders through shapes, or the statement itself when it cannot. */
    private final Map<MappedStatement, MappedStatement> statements = new ConcurrentHashMap<>();

    private final AtomicLong reused = new AtomicLong();

    /** When set (tests only), every reused shape is checked against MyBatis's own rendering. */
    private volatile boolean verify;

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
        Object[] args = invocation.getArgs();
        args[0] = statements.computeIfAbsent((MappedStatement) args[0], this::shaped);
        return invocation.proceed();
    }

    /** How many executions used a kept shape instead of rendering. */
    long reused() {
        return reused.get();
    }

    void verify(boolean on) {
        this.verify = on;
    }

    private MappedStatement shaped(MappedStatement ms) {
        ForEachSqlNode loop = ms.getSqlSource() instanceof DynamicSqlSource dynamic ? staticLoop(dynamic) : null;
        if (loop == null) {
            return ms;
        }
        String item = (String) field(ForEachSqlNode.class, "item", loop);
        String index = (String) field(ForEachSqlNode.class, "index", loop);
        SqlSource source = new ShapedSqlSource(ms.getConfiguration(), ms.getSqlSource(), item, index);
        return new MappedStatement.Builder(ms.getConfiguration(), ms.getId(), source, ms.getSqlCommandType())
                .resource(ms.getResource()).fetchSize(ms.getFetchSize()).timeout(ms.getTimeout())
                .statementType(ms.getStatementType()).resultSetType(ms.getResultSetType())
                .parameterMap(ms.getParameterMap()).resultMaps(ms.getResultMaps()).cache(ms.getCache())
                .flushCacheRequired(ms.isFlushCacheRequired()).useCache(ms.isUseCache())
                .resultOrdered(ms.isResultOrdered()).keyGenerator(ms.getKeyGenerator())
                .keyProperty(join(ms.getKeyProperties())).keyColumn(join(ms.getKeyColumns()))
                .databaseId(ms.getDatabaseId()).lang(ms.getLang()).resultSets(join(ms.getResultSets()))
                .dirtySelect(ms.isDirtySelect()).build();
    }

    /**
     * The one {@code <foreach collection="list">} of a script that is otherwise static text, with a static body;
     * null for any other script (conditions, {@code ${}}, binds, nested loops) or if MyBatis's nodes changed shape.
     */
    static ForEachSqlNode staticLoop(DynamicSqlSource source) {
        try {
            SqlNode root = (SqlNode) field(DynamicSqlSource.class, "rootSqlNode", source);
            if (!(root instanceof MixedSqlNode mixed)) {
                return null;
            }
            ForEachSqlNode loop = null;
            for (Object node : (List<?>) field(MixedSqlNode.class, "contents", mixed)) {
                if (node instanceof ForEachSqlNode f && loop == null
                        && LIST.equals(field(ForEachSqlNode.class, "collectionExpression", f))
                        && isStatic((SqlNode) field(ForEachSqlNode.class, "contents", f))) {
                    loop = f;
                } else if (node.getClass() != StaticTextSqlNode.class) {
                    return null;
                }
            }
            return loop;
        } catch (RuntimeException unexpected) {
            return null; // another MyBatis version: render as it does
        }
    }

    private static boolean isStatic(SqlNode node) {
        if (node.getClass() == StaticTextSqlNode.class) {
            return true;
        }
        if (node.getClass() != MixedSqlNode.class) {
            return false;
        }
        for (Object child : (List<?>) field(MixedSqlNode.class, "contents", node)) {
            if (child.getClass() != StaticTextSqlNode.class) {
                return false;
            }
        }
        return true;
    }

    private static Object field(Class<?> type, String name, Object target) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + "." + name, e);
        }
    }

    private static String join(String[] names) {
        return names == null ? null : String.join(",", names);
    }

    /** One rendering of a statement for lists of one size and element class. */
    private record Shape(String sql, List<ParameterMapping> mappings, Map<String, Integer> rows,
            Map<String, Object> constants, List<String> parameter) {
    }

    private record Key(int size, Class<?> type) {
    }

    private final class ShapedSqlSource implements SqlSource {

        private final Configuration configuration;
        private final SqlSource original;
        private final String item;
        private final String index;
        private final Map<Key, Shape> shapes = new ConcurrentHashMap<>();

        ShapedSqlSource(Configuration configuration, SqlSource original, String item, String index) {
            this.configuration = configuration;
            this.original = original;
            this.item = item;
            this.index = index;
        }

        @Override
        public BoundSql getBoundSql(Object parameter) {
            List<?> list = rowsOf(parameter);
            if (list == null) {
                return original.getBoundSql(parameter);
            }
            Key key = new Key(list.size(), list.get(0).getClass());
            Shape shape = shapes.get(key);
            if (shape == null) {
                BoundSql rendered = original.getBoundSql(parameter);
                Shape kept = shapeOf(rendered, list, parameter);
                if (kept != null) {
                    shapes.putIfAbsent(key, kept);
                }
                return rendered;
            }
            BoundSql bound = new BoundSql(configuration, shape.sql(), shape.mappings(), parameter);
            shape.rows().forEach((name, row) -> bound.setAdditionalParameter(name, list.get(row)));
            shape.constants().forEach(bound::setAdditionalParameter);
            shape.parameter().forEach(name -> bound.setAdditionalParameter(name, parameter));
            reused.incrementAndGet();
            if (verify) {
                check(bound, original.getBoundSql(parameter));
            }
            return bound;
        }

        /** The rows of a list parameter that a shape can serve: 1..MAX_SIZE distinct objects of one class. */
        private List<?> rowsOf(Object parameter) {
            if (!(parameter instanceof Map<?, ?> map) || !(map.get(LIST) instanceof List<?> list) || list.isEmpty()
                    || list.size() > MAX_SIZE) {
                return null;
            }
            Class<?> type = list.get(0) == null ? null : list.get(0).getClass();
            if (type == null || Map.class.isAssignableFrom(type) || Iterable.class.isAssignableFrom(type)) {
                return null; // a map's property types come from its values
            }
            IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
            for (Object row : list) {
                if (row == null || row.getClass() != type || seen.put(row, Boolean.TRUE) != null) {
                    return null;
                }
            }
            return list;
        }

        /** What MyBatis bound for this rendering, as positions in the list; null if anything else was bound. */
        private Shape shapeOf(BoundSql rendered, List<?> list, Object parameter) {
            IdentityHashMap<Object, Integer> positions = new IdentityHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                positions.put(list.get(i), i);
            }
            Map<String, Integer> rows = new HashMap<>();
            Map<String, Object> constants = new HashMap<>();
            List<String> parameterNames = new ArrayList<>();
            for (Map.Entry<String, Object> e : rendered.getAdditionalParameters().entrySet()) {
                String name = e.getKey();
                Object value = e.getValue();
                Integer row = value == null ? null : positions.get(value);
                if (row != null && (name.equals(item) || name.startsWith(ForEachSqlNode.ITEM_PREFIX + item + "_"))) {
                    rows.put(name, row);
                } else if (value == parameter && "_parameter".equals(name)) {
                    parameterNames.add(name);
                } else if ("_databaseId".equals(name) && Objects.equals(value, configuration.getDatabaseId())) {
                    constants.put(name, value);
                } else if (index != null && value instanceof Integer position
                        && (name.equals(index) || name.startsWith(ForEachSqlNode.ITEM_PREFIX + index + "_"))
                        && position >= 0 && position < list.size()) {
                    constants.put(name, position);
                } else {
                    return null;
                }
            }
            for (ParameterMapping m : rendered.getParameterMappings()) {
                // a row's own property: its type comes from the row's class; a deeper path's from values
                String property = m.getProperty();
                int dot = property.indexOf('.');
                if (!rows.containsKey(dot < 0 ? property : property.substring(0, dot)) || dot < 0
                        || property.indexOf('.', dot + 1) >= 0 || property.indexOf('[') >= 0) {
                    return null;
                }
            }
            return new Shape(rendered.getSql(), List.copyOf(rendered.getParameterMappings()),
                    Map.copyOf(rows), Collections.unmodifiableMap(constants), List.copyOf(parameterNames));
        }

        private void check(BoundSql reusedShape, BoundSql rendered) {
            if (!reusedShape.getSql().equals(rendered.getSql())) {
                throw new IllegalStateException("shape SQL differs from MyBatis's rendering");
            }
            List<ParameterMapping> a = reusedShape.getParameterMappings();
            List<ParameterMapping> b = rendered.getParameterMappings();
            if (a.size() != b.size()) {
                throw new IllegalStateException("shape has " + a.size() + " parameters, MyBatis " + b.size());
            }
            for (int i = 0; i < a.size(); i++) {
                String p = a.get(i).getProperty();
                if (!p.equals(b.get(i).getProperty()) || a.get(i).getJdbcType() != b.get(i).getJdbcType()
                        || a.get(i).getJavaType() != b.get(i).getJavaType()
                        || a.get(i).getTypeHandler().getClass() != b.get(i).getTypeHandler().getClass()
                        || reusedShape.getAdditionalParameter(p) != rendered.getAdditionalParameter(p)
                        && !Objects.equals(reusedShape.getAdditionalParameter(p), rendered.getAdditionalParameter(p))) {
                    throw new IllegalStateException("shape parameter " + i + " (" + p + ") differs from MyBatis's");
                }
            }
        }
    }
}
