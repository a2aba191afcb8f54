package cn.sanling.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.sanling.SanlingApplication;

/**
 * The application started as an installation of its own: profile "test" on an empty in-memory H2 database named for
 * the test, on a free port, with the given settings over the suite's. For what the shared context cannot show: a
 * fresh install, a start that must fail, the demo with its cases and running timers.
 */
public final class OwnInstall {

    private OwnInstall() {
    }

    /** Starts it; the caller closes it. */
    public static ConfigurableApplicationContext start(String database, Map<String, String> settings) {
        return new SpringApplicationBuilder(SanlingApplication.class).profiles("test")
                .run(arguments(database, settings));
    }

    /** The command line of such a start. */
    public static String[] arguments(String database, Map<String, String> settings) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", "jdbc:h2:mem:" + database + "_" + System.nanoTime()
                + ";MODE=MySQL;DB_CLOSE_DELAY=-1");
        p.put("spring.datasource.driver-class-name", "org.h2.Driver");
        p.put("spring.datasource.username", "sa");
        p.put("spring.datasource.password", "");
        p.put("server.port", "0");
        p.putAll(settings);
        return p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /** The API of a started installation. */
    public static TestApi api(ConfigurableApplicationContext app) {
        return TestApi.at("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
    }
}
