package cn.sanling.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.StatementLog;
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
        StatementLog log = StatementLog.installOn(sessions.getConfiguration());
        long[] ids = new long[2];
        log.during(() -> {
            ids[0] = area.report().title("编号一").file();
            ids[1] = area.report().title("编号二").file();
        });

        String drawn = DisputeMapper.class.getName() + ".drawNumber";
        List<String> perReport = "mysql".equals(sessions.getConfiguration().getDatabaseId())
                ? List.of(drawn)
                : List.of(drawn, drawn + "!selectKey");
        assertThat(log.entries().stream().map(StatementLog.Entry::id)
                .filter(id -> id.contains("Counter") || id.contains("drawNumber")))
                .as("counter statements of two reports")
                .containsExactlyElementsOf(Stream.of(perReport, perReport).flatMap(List::stream).toList());

        String county = "411202";
        int year = Integer.parseInt(caseNo(ids[1]).split("-")[1]);
        int last = jdbc.queryForObject("SELECT last_value FROM case_counter WHERE county_code = ? AND case_year = ?",
                Integer.class, county, year);
        assertThat(caseNo(ids[0])).isEqualTo(CaseNumbers.format(county, year, last - 1));
        assertThat(caseNo(ids[1])).isEqualTo(CaseNumbers.format(county, year, last));
    }

    private String caseNo(long id) {
        return jdbc.queryForObject("SELECT case_no FROM dispute WHERE id = ?", String.class, id);
    }
}
