package cn.sanling.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server of the test's own (the machine's /usr/sbin/mariadbd on a free port with its own data directory
 * under target/), so an outage test can stop and start "the database" without taking the shared server away from
 * everything else on the machine.
 */
final class PrivateMariaDb implements AutoCloseable {

    private final Path dir = Path.of("target", "faults", "mariadb").toAbsolutePath();
    private final int port = freePort();
    private Process server;

    int port() {
        return port;
    }

    PrivateMariaDb install() throws IOException, InterruptedException {
        if (!Files.isDirectory(dir.resolve("data").resolve("mysql"))) {
            Files.createDirectories(dir.resolve("data"));
            run(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + dir.resolve("data"), "--user=root",
                    "--auth-root-authentication-method=normal", "--skip-test-db"));
        }
        return this;
    }

    PrivateMariaDb start() throws IOException, InterruptedException {
        server = new ProcessBuilder("/usr/sbin/mariadbd", "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mariadb.sock"),
                "--pid-file=" + dir.resolve("mariadb.pid"), "--user=root", "--skip-grant-tables",
                "--innodb-buffer-pool-size=64M", "--skip-log-bin")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()))
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = DriverManager.getConnection(serverUrl(), "root", "")) {
                return this;
            } catch (SQLException notYet) {
                if (!server.isAlive()) {
                    throw new IllegalStateException("private mariadbd died; see " + dir.resolve("server.log"));
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("private mariadbd did not answer; see " + dir.resolve("server.log"));
    }

    /** Stops the server as an init script would (SIGTERM, wait for it to finish). */
    void stop() throws InterruptedException {
        server.destroy();
        if (!server.waitFor(60, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
    }

    String serverUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/?connectTimeout=2000";
    }

    String url(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?nullCatalogMeansCurrent=true"
                + "&rewriteBatchedStatements=true&useServerPrepStmts=true&cachePrepStmts=true&prepStmtCacheSize=250&prepStmtCacheSqlLimit=4096&useLocalSessionState=true&characterEncoding=UTF-8&connectTimeout=3000"
                + "&socketTimeout=30000";
    }

    void createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl(), "root", "");
                var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (server != null && server.isAlive()) {
            stop();
        }
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
