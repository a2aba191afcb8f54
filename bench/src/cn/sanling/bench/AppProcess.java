package cn.sanling.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The packaged jar as a process of its own, beside the application the harness runs in its own JVM, for a figure
 * that must be the application's alone: the harness's JVM also holds its province and loader, which a heap reading
 * there cannot tell apart (the twenty-fifth session's F2: 638 MB in use before the export). Its platform MBeans are
 * reached over JMX on a loopback port, without authentication (a bench machine).
 */
final class AppProcess implements AutoCloseable {

    private final Process process;
    private final JMXConnector jmx;
    final int port;
    final Path dir;
    /** Launch to healthy. */
    final double startSeconds;

    private AppProcess(Process process, JMXConnector jmx, int port, Path dir, double startSeconds) {
        this.process = process;
        this.jmx = jmx;
        this.port = port;
        this.dir = dir;
        this.startSeconds = startSeconds;
    }

    /**
     * Starts {@code jar} on {@code java} in {@code dir} (its output in {@code dir/app.log}) with the properties as
     * command-line arguments, and waits until it is healthy.
     */
    static AppProcess start(String java, Path jar, Path dir, String heap, Map<String, String> properties)
            throws Exception {
        int port = freePort();
        int jmxPort = freePort();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+UseG1GC", "-Dfile.encoding=UTF-8",
                "-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
                "-jar", jar.toString(), "--server.port=" + port));
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        long t0 = System.nanoTime();
        Process p = Bench.unconfigured(dir, command).start();
        try {
            double seconds = Bench.awaitHealthy(p, port, dir, Duration.ofMinutes(5), t0);
            JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(
                    "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"));
            return new AppProcess(p, jmx, port, dir, seconds);
        } catch (Exception | Error e) {
            stop(p);
            throw e;
        }
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    MBeanServerConnection mbeans() throws java.io.IOException {
        return jmx.getMBeanServerConnection();
    }

    MemoryMXBean memory() throws java.io.IOException {
        return ManagementFactory.newPlatformMXBeanProxy(mbeans(), ManagementFactory.MEMORY_MXBEAN_NAME,
                MemoryMXBean.class);
    }

    /** Closes the JMX connection and stops the process ({@link #stop}). */
    @Override
    public void close() throws Exception {
        try {
            jmx.close();
        } finally {
            stop(process);
        }
    }

    /** Stops a process as a service manager would (SIGTERM: Spring's graceful shutdown), forcibly after 30 s. */
    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }
}
