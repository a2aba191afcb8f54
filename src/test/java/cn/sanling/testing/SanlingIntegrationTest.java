package cn.sanling.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * An integration test against the whole application on a random port, over real HTTP, on the database chosen by
 * {@code -Dsanling.test.db} (h2 or mariadb), with the demo organisation and accounts loaded. Inject {@link TestApi}
 * for the JSON API and {@link TestUsers} for users made for one test.
 *
 * <p>Every class with this annotation and nothing else shares one cached application context: add
 * configuration here, never on a single test class, unless that class really needs its own application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import(TestClients.class)
public @interface SanlingIntegrationTest {
}
