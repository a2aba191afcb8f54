package cn.sanling.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.scripting.xmltags.DynamicSqlSource;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BulkSqlShapes} against MyBatis itself, on an in-memory H2 table: every row a shaped statement writes is the
 * row MyBatis's own rendering would write, shapes are reused only where the rendering cannot differ, and each reuse
 * is also checked against MyBatis's rendering (verify mode). That the engine's own bulk statements take the shapes
 * is checked in {@code BulkSqlShapesEngineTest}.
 */
class BulkSqlShapesTest {

    static final String MAPPER = """
            <?xml version="1.0" encoding="UTF-8" ?>
            <!DOCTYPE mapper PUBLIC "-//mybatis.org//DTD Mapper 3.0//EN" "http://mybatis.org/dtd/mybatis-3-mapper.dtd">
            <mapper namespace="shapes">
              <insert id="bulkInsertThing" parameterType="java.util.List">
                insert into ${prefix}THING (NAME_, COUNT_, NOTE_, AT_) values
                <foreach collection="list" item="thing" index="index" separator=",">
                  (#{thing.name, jdbcType=VARCHAR}, #{thing.count, jdbcType=INTEGER}, #{thing.note}, #{thing.at})
                </foreach>
              </insert>
              <insert id="insertWithCondition" parameterType="java.util.List">
                insert into THING (NAME_, COUNT_) values
                <foreach collection="list" item="thing" separator=",">
                  (#{thing.name}, <if test="thing.count != null">#{thing.count}</if><if test="thing.count == null">-1</if>)
                </foreach>
              </insert>
              <insert id="insertWithTextSubstitution" parameterType="java.util.List">
                insert into THING (NAME_, COUNT_) values
                <foreach collection="list" item="thing" separator=",">(#{thing.name}, ${thing.count})</foreach>
              </insert>
              <delete id="deleteByNames">
                delete from THING where NAME_ in
                <foreach collection="names" item="n" open="(" separator="," close=")">#{n}</foreach>
              </delete>
            </mapper>
            """;

    /** A row as an engine entity would be: a bean with getters. */
    public static class Thing {
        private final String name;
        private final Integer count;
        private final Object note;
        private final java.sql.Timestamp at;

        Thing(String name, Integer count, Object note) {
            this.name = name;
            this.count = count;
            this.note = note;
            this.at = count == null ? null : new java.sql.Timestamp(1_700_000_000_000L + count * 1000L);
        }

        public String getName() {
            return name;
        }

        public Integer getCount() {
            return count;
        }

        public Object getNote() {
            return note;
        }

        public java.sql.Timestamp getAt() {
            return at;
        }
    }

    BulkSqlShapes shapes;
    SqlSessionFactory factory;
    int serial;

    @BeforeEach
    void mybatis() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:shapes-" + UUID.randomUUID() + ";MODE=MySQL;DB_CLOSE_DELAY=-1");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE THING (NAME_ VARCHAR(64) PRIMARY KEY, COUNT_ INT, NOTE_ VARCHAR(64), AT_ TIMESTAMP)");
        }
        Configuration configuration = new Configuration(new Environment("test", new JdbcTransactionFactory(), ds));
        configuration.getVariables().setProperty("prefix", ""); // as Flowable's table prefix
        shapes = new BulkSqlShapes();
        shapes.verify(true);
        configuration.addInterceptor(shapes);
        new XMLMapperBuilder(new ByteArrayInputStream(MAPPER.getBytes(StandardCharsets.UTF_8)), configuration,
                "shapes.xml", configuration.getSqlFragments()).parse();
        factory = new SqlSessionFactoryBuilder().build(configuration);
    }

    @Test
    void only_static_text_around_one_loop_over_the_list_has_a_shape() {
        Configuration c = factory.getConfiguration();
        assertThat(BulkSqlShapes.staticLoop(dynamic(c, "bulkInsertThing"))).isNotNull();
        assertThat(BulkSqlShapes.staticLoop(dynamic(c, "insertWithCondition"))).isNull();
        assertThat(BulkSqlShapes.staticLoop(dynamic(c, "insertWithTextSubstitution"))).isNull();
        assertThat(BulkSqlShapes.staticLoop(dynamic(c, "deleteByNames"))).as("a loop over another collection").isNull();
    }

    @Test
    void lists_of_every_size_write_exactly_their_rows_and_reuse_the_shape_of_their_size() {
        List<Thing> written = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int size = 1; size <= BulkSqlShapes.MAX_SIZE + 3; size++) {
                List<Thing> batch = things(size);
                insert("bulkInsertThing", batch);
                written.addAll(batch);
            }
        }
        assertThat(rows()).containsExactlyInAnyOrderElementsOf(written.stream().map(BulkSqlShapesTest::row).toList());
        // sizes up to MAX_SIZE rendered once each and reused in the next two rounds; larger ones always rendered
        assertThat(shapes.reused()).isEqualTo(2L * BulkSqlShapes.MAX_SIZE);
    }

    @Test
    void a_list_holding_one_row_twice_or_rows_of_two_classes_is_rendered_as_mybatis_does() {
        insert("bulkInsertThing", things(2));
        insert("bulkInsertThing", things(2));
        assertThat(shapes.reused()).isEqualTo(1);

        Thing twice = things(1).get(0);
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> insert("bulkInsertThing", List.of(twice, twice)))).as("MyBatis writes it twice: a duplicate key")
                .hasMessageContaining("THING");
        assertThat(shapes.reused()).as("not from the shape of size 2").isEqualTo(1);

        Thing other = new Thing("other-" + serial++, 7, "x") {
        };
        insert("bulkInsertThing", List.of(things(1).get(0), other));
        assertThat(shapes.reused()).isEqualTo(1);
        assertThat(rows()).hasSize(6);
    }

    @Test
    void statements_without_a_shape_still_work() {
        List<Thing> batch = things(3);
        insert("insertWithCondition", batch);
        insert("insertWithCondition", things(3));
        try (SqlSession session = factory.openSession(true)) {
            session.delete("deleteByNames", Map.of("names", List.of(batch.get(0).getName(), batch.get(1).getName())));
            session.delete("deleteByNames", Map.of("names", List.of(batch.get(2).getName(), "nobody")));
        }
        assertThat(rows()).hasSize(3);
        assertThat(shapes.reused()).isZero();
    }

    private List<Thing> things(int size) {
        List<Thing> list = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int n = serial++;
            // nulls, numbers and strings in the free-typed column: the shape must not depend on values
            Object note = n % 3 == 0 ? null : n % 3 == 1 ? "note " + n : Integer.valueOf(n);
            list.add(new Thing("thing-" + n, n % 5 == 0 ? null : n, note));
        }
        return Collections.unmodifiableList(list);
    }

    private void insert(String statement, List<Thing> rows) {
        try (SqlSession session = factory.openSession(true)) {
            session.insert(statement, rows);
        }
    }

    private List<String> rows() {
        List<String> rows = new ArrayList<>();
        try (SqlSession session = factory.openSession(true);
                Statement s = session.getConnection().createStatement();
                var rs = s.executeQuery("SELECT NAME_, COUNT_, NOTE_, AT_ FROM THING")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getObject(2) + "|" + rs.getString(3) + "|" + rs.getTimestamp(4));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private static String row(Thing t) {
        return t.getName() + "|" + t.getCount() + "|" + (t.getNote() == null ? null : t.getNote().toString()) + "|"
                + t.getAt();
    }

    private static DynamicSqlSource dynamic(Configuration c, String id) {
        return (DynamicSqlSource) c.getMappedStatement(id).getSqlSource();
    }
}
