package cn.sanling.support;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

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
public class DatabaseTimeZone implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource ds) {
            pinToUtc(ds);
        }
        return bean;
    }

    private static final Pattern URL_ZONE = Pattern.compile("[?&](?:connectionTimeZone|serverTimezone)=([^&]*)");

    /** Sets a MySQL/MariaDB data source's connections to UTC; any other is left as it is. */
    static void pinToUtc(HikariDataSource ds) {
        if (!mysql(ds.getJdbcUrl()) || URL_ZONE.matcher(ds.getJdbcUrl()).find()) {
            return;
        }
        ds.addDataSourceProperty("connectionTimeZone", "UTC");
        ds.addDataSourceProperty("forceConnectionTimeZoneToSession", "true");
    }

    /**
     * The zone whose wall-clock time the DATETIME columns hold, for code that reads them without the driver's
     * conversion to an instant (the 台账 reads a LocalDateTime per cell): UTC on MySQL and MariaDB as set above, the
     * zone the URL names if it names one, and the JVM's on H2 (and wherever the driver converts with the JVM's zone).
     */
    public static ZoneId storedZone(DataSource dataSource) {
        String url = jdbcUrl(dataSource);
        if (!mysql(url)) {
            return ZoneId.systemDefault();
        }
        Matcher named = URL_ZONE.matcher(url);
        if (!named.find()) {
            return ZoneOffset.UTC;
        }
        String zone = URLDecoder.decode(named.group(1), StandardCharsets.UTF_8);
        try {
            return "LOCAL".equalsIgnoreCase(zone) || "SERVER".equalsIgnoreCase(zone) ? ZoneId.systemDefault()
                    : ZoneId.of(zone);
        } catch (DateTimeException unknown) {
            return ZoneId.systemDefault();
        }
    }

    private static String jdbcUrl(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(HikariDataSource.class)
                    ? dataSource.unwrap(HikariDataSource.class).getJdbcUrl() : null;
        } catch (SQLException e) {
            return null;
        }
    }

    private static boolean mysql(String url) {
        return url != null && (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:"));
    }
}
