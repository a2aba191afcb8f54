package cn.sanling.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestDatabase;

/** MyBatis knows which database it talks to, for the hints only MySQL and MariaDB take (ReportMapper.xml). */
@SanlingIntegrationTest
class DatabaseIdTest {

    @Autowired
    SqlSessionFactory sessions;

    @Test
    void the_database_id_is_mysql_on_mariadb_and_h2_on_the_embedded_default() {
        String expected = TestDatabase.current() == TestDatabase.MARIADB ? "mysql" : "h2";

        assertThat(sessions.getConfiguration().getDatabaseId()).isEqualTo(expected);
    }
}
