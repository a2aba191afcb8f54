package cn.sanling.support;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Times on MySQL and MariaDB in UTC, whatever the zone of the machine. Our columns and Flowable's are DATETIME, which
 * hold no zone: Connector/J writes an instant as the wall-clock time of its connection's zone, by default the JVM's.
 * Two nodes in different zones (or one whose machine's zone changed) then read each other's times hours off: an
 * Asia/Shanghai node took a UTC node's timers as 8 hours overdue, fired them at once, and the audit chain's hashes no
 * longer matched the rows they were computed from. Every connection is set to UTC ({@code connectionTimeZone=UTC},
 * and the session's {@code time_zone} with it), unless the URL chooses a zone itself. The embedded H2 runs on one
 * node and keeps the JVM's zone.
 */
@Component
class DatabaseTimeZone implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource ds) {
            pinToUtc(ds);
        }
        return bean;
    }

    /** Sets a MySQL/MariaDB data source's connections to UTC; any other is left as it is. */
    static void pinToUtc(HikariDataSource ds) {
        String url = ds.getJdbcUrl();
        if (url == null || !(url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:"))
                || url.contains("connectionTimeZone=") || url.contains("serverTimezone=")) {
            return;
        }
        ds.addDataSourceProperty("connectionTimeZone", "UTC");
        ds.addDataSourceProperty("forceConnectionTimeZoneToSession", "true");
    }
}
