package cn.sanling.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.MySqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * The web sessions' store (Spring Session JDBC, tables of V8). Two requests of one session at once (a form sent twice
 * on a flaky phone connection) may both add the same new attribute, such as the flash map of a redirect; Spring
 * Session inserts a new attribute, so the second insert failed with a duplicate key and its user saw an error page
 * although the request had done its work. Spring Session's MySQL customizer writes an attribute with
 * {@code INSERT … ON DUPLICATE KEY UPDATE}, which MySQL, MariaDB and the embedded H2 (MySQL mode) all take.
 */
@Configuration(proxyBeanMethods = false)
class WebSessionStore {

    @Bean
    MySqlJdbcIndexedSessionRepositoryCustomizer upsertSessionAttributes() {
        return new MySqlJdbcIndexedSessionRepositoryCustomizer();
    }
}
