package cn.sanling.support;

import java.time.Clock;
import java.util.Properties;

import org.apache.ibatis.mapping.DatabaseIdProvider;
import org.apache.ibatis.mapping.VendorDatabaseIdProvider;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class SupportConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Secrets secrets(Environment env) {
        String url = env.getProperty("spring.datasource.url", "");
        return Secrets.resolve(env.getProperty("sanling.security.jwt-secret"), env.getProperty("sanling.pii.key"),
                url.startsWith("jdbc:h2:"));
    }

    /**
     * The secrets are checked before Flyway touches the database: Flyway's set-up waits for this customizer, which
     * needs them. A node refused for its secrets leaves the database as it was.
     */
    @Bean
    FlywayConfigurationCustomizer secretsBeforeMigrations(Secrets secrets) {
        return configuration -> { };
    }

    /**
     * A node does not run on a schema a newer version migrated (a rollback without restoring the backup, an old node
     * left behind in a rolling upgrade): Flyway's validation fails on an applied migration it does not know. By
     * default it only warned, and an old node wrote without the newer tables' rows (the upgrade audit).
     */
    @Bean
    FlywayConfigurationCustomizer refuseNewerSchema() {
        return configuration -> configuration.ignoreMigrationPatterns(new String[0]);
    }

    @Bean
    PiiCipher piiCipher(Secrets secrets) {
        return new PiiCipher(secrets.piiKey());
    }

    /**
     * MyBatis' {@code _databaseId}: "mysql" on MySQL and MariaDB (Connector/J names both MySQL), "h2" on the embedded
     * default, for the few optimiser hints only one of them takes (ReportMapper.xml) and for how a case number's
     * draw returns its value (DisputeMapper.xml {@code drawNumber}). The SQL itself stays the one both understand.
     */
    @Bean
    DatabaseIdProvider databaseIdProvider() {
        Properties names = new Properties();
        names.setProperty("MySQL", "mysql");
        names.setProperty("MariaDB", "mysql");
        names.setProperty("H2", "h2");
        VendorDatabaseIdProvider provider = new VendorDatabaseIdProvider();
        provider.setProperties(names);
        return provider;
    }
}
