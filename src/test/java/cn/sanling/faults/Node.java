package cn.sanling.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * One Sanling application node as a separate operating-system process (the packaged jar, profile mysql), so a
 * fault test can kill it with SIGKILL and start it again on the same database.
 */
final class Node implements AutoCloseable {

    static final String JWT_SECRET = "sanling-fault-tests-jwt-secret-0123456789abcdef";
    static final String PII_KEY = "c2FubGluZy1mYXVsdC10ZXN0cy1waWkta2V5LTMyYnk=";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final String jdbcUrl;
    private final int port;
    private final List<String> extraArgs;
    private final Path log;
    private Process process;

    /** A node on a database of the shared MariaDB at 127.0.0.1:3306. */
    static Node onDatabase(String database, String name, List<String> extraArgs) {
        return new Node(jdbcUrl(database), name, extraArgs);
    }

    /** A node on any MySQL-compatible URL (user root, empty password). */
    static Node onUrl(String jdbcUrl, String name, List<String> extraArgs) {
        return new Node(jdbcUrl, name, extraArgs);
    }

    private Node(String jdbcUrl, String name, List<String> extraArgs) {
        this.jdbcUrl = jdbcUrl;
        this.port = freePort();
        this.extraArgs = extraArgs;
        this.log = Path.of("target", "faults", name + ".log");
    }

    static String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:3306/" + database + "?nullCatalogMeansCurrent=true&rewriteBatchedStatements=true"
                + "&useServerPrepStmts=true&cachePrepStmts=true&prepStmtCacheSize=250&prepStmtCacheSqlLimit=4096&useLocalSessionState=true&characterEncoding=UTF-8&connectTimeout=3000&socketTimeout=30000";
    }

    /** Drops and recreates a database of the fault tests' own. */
    static void freshDatabase(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/?connectTimeout=3000", "root", "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Node start() throws IOException {
        Files.createDirectories(log.getParent());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar().toString(), "--spring.profiles.active=mysql", "--server.port=" + port,
                "--sanling.demo.enabled=true", "--sanling.demo.cases=0", "--spring.main.banner-mode=off"));
        cmd.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(Map.of("SANLING_DB_URL", jdbcUrl, "SANLING_DB_USER", "root",
                "SANLING_DB_PASSWORD", "", "SANLING_JWT_SECRET", JWT_SECRET, "SANLING_PII_KEY", PII_KEY));
        process = pb.start();
        return this;
    }

    /** Waits until /actuator/health says UP. */
    Node awaitHealthy(Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node died at start-up; see " + log);
            }
            if (health() == 200) {
                return this;
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("node not healthy within " + patience + "; see " + log);
    }

    int health() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGKILL: no shutdown hooks, no graceful anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(20), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    String token(String username) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("username", username, "password", "Sanling@2026")))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("accessToken").asString();
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("sanling.jar", "target/sanling.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("packaged application not found at " + jar + " (fault tests run in verify)");
        }
        return jar;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
