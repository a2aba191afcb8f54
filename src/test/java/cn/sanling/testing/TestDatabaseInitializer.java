package cn.sanling.testing;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points the application under test at the database selected by {@code sanling.test.db}. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase.Readiness readiness = TestDatabase.prepareOnce();
        if (!readiness.ready()) {
            throw new IllegalStateException(readiness.problem());
        }
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("sanlingTestDatabase", TestDatabase.current().springProperties()));
    }
}
