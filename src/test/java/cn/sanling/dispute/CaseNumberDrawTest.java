package cn.sanling.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;

/**
 * A case number is drawn with one statement on MySQL and MariaDB (the counter's update returns the new value), and
 * with the update and a read of the session's value on H2; on both the number is the counter's new value.
 */
@SanlingIntegrationTest
class CaseNumberDrawTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SqlSessionFactory sessions;

    @Test
    void a_report_draws_its_number_in_one_statement_on_mysql() {
        TestArea area = TestArea.inTownship(api, users, "411202006", 4);
        area.report().title("编号〇").file(); // the node's first number of the county and year also checks the row
        CounterStatements seen = new CounterStatements();
        // applies to the sessions opened from now on; inert once the test stops counting
        sessions.getConfiguration().addInterceptor(seen);
        seen.counting = true;
        long first;
        long second;
        try {
            first = area.report().title("编号一").file();
            second = area.report().title("编号二").file();
        } finally {
            seen.counting = false;
        }

        String drawn = DisputeMapper.class.getName() + ".drawNumber";
        List<String> perReport = "mysql".equals(sessions.getConfiguration().getDatabaseId())
                ? List.of(drawn)
                : List.of(drawn, drawn + "!selectKey");
        assertThat(seen.ids).as("counter statements of two reports")
                .containsExactlyElementsOf(Stream.of(perReport, perReport).flatMap(List::stream).toList());

        String county = "411202";
        int year = Integer.parseInt(caseNo(second).split("-")[1]);
        int last = jdbc.queryForObject("SELECT last_value FROM case_counter WHERE county_code = ? AND case_year = ?",
                Integer.class, county, year);
        assertThat(caseNo(first)).isEqualTo(CaseNumbers.format(county, year, last - 1));
        assertThat(caseNo(second)).isEqualTo(CaseNumbers.format(county, year, last));
    }

    private String caseNo(long id) {
        return jdbc.queryForObject("SELECT case_no FROM dispute WHERE id = ?", String.class, id);
    }

    /** Ids of the counter statements our mappers run (updates and queries, including generated-key reads). */
    @Intercepts({
        @Signature(type = Executor.class, method = "update", args = {MappedStatement.class, Object.class}),
        @Signature(type = Executor.class, method = "query",
                args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class})})
    static final class CounterStatements implements Interceptor {

        volatile boolean counting;
        final List<String> ids = new CopyOnWriteArrayList<>();

        @Override
        public Object intercept(Invocation invocation) throws Throwable {
            String id = ((MappedStatement) invocation.getArgs()[0]).getId();
            if (counting && (id.contains("Counter") || id.contains("drawNumber"))) {
                ids.add(id);
            }
            return invocation.proceed();
        }

        @Override
        public void setProperties(Properties properties) {
        }
    }
}
