package cn.sanling.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A closed-loop load generator on loopback: N clients, each sending its next request when the last one answered. */
final class Load {

    private static final Pattern TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    /** The login form's hidden CSRF field, whatever the order of its attributes. */
    private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final String base;
    private final ConcurrentHashMap<String, String> tokens = new ConcurrentHashMap<>();
    /** The Cookie header of each bench account's signed-in web session. */
    private final ConcurrentHashMap<String, String> sessions = new ConcurrentHashMap<>();

    Load(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A bearer token for a bench account (POST /api/v1/auth/token, as any client would). */
    String token(String username) {
        return tokens.computeIfAbsent(username, u -> {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + u + "\",\"password\":\""
                                + Province.PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
                Matcher m = TOKEN.matcher(r.body());
                if (r.statusCode() != 200 || !m.find()) {
                    throw new IllegalStateException("login " + u + ": " + r.statusCode() + " " + r.body());
                }
                return m.group(1);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("login " + u, e);
            }
        });
    }

    /**
     * A signed-in web session for a bench account, as a browser gets one: the form at GET /login (which starts a
     * session for its CSRF token), then POST /login with the form's _csrf and the session's cookie. The answer is a
     * redirect with a new session id (session fixation protection): its cookie is the signed-in one.
     */
    String session(String username) {
        return sessions.computeIfAbsent(username, u -> {
            try {
                HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Accept", "text/html").timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher field = CSRF.matcher(form.body());
                Matcher value = field.find() ? VALUE.matcher(field.group()) : null;
                String cookie = cookies(form, "");
                if (form.statusCode() != 200 || value == null || !value.find() || cookie.isEmpty()) {
                    throw new IllegalStateException("GET /login: " + form.statusCode() + ", no _csrf field or no "
                            + "session cookie");
                }
                String body = "username=" + encode(u) + "&password=" + encode(Province.PASSWORD) + "&_csrf="
                        + encode(value.group(1));
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                        .header("Accept", "text/html").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                String location = r.headers().firstValue("Location").orElse("");
                // a failed login redirects too, to /login?error (or ?locked)
                if (r.statusCode() != 302 || location.contains("/login")) {
                    throw new IllegalStateException("web login " + u + ": " + r.statusCode() + " to " + location);
                }
                return cookies(r, cookie);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("web login " + u, e);
            }
        });
    }

    /**
     * The Cookie header after an answer: {@code cookie} with the answer's Set-Cookie values put over it by name (the
     * session cookie's name is the application's setting, server.servlet.session.cookie.name).
     */
    private static String cookies(HttpResponse<?> r, String cookie) {
        Map<String, String> jar = new LinkedHashMap<>();
        List<String> pairs = new ArrayList<>(List.of(cookie.split("; ")));
        r.headers().allValues("Set-Cookie").forEach(h -> pairs.add(h.split(";", 2)[0].strip()));
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                jar.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        jar.values().removeIf(String::isEmpty); // a cookie set empty is a deleted one
        return String.join("; ", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A server-rendered page as the account's signed-in browser asks for it (redirects are not followed). */
    HttpResponse<String> page(String user, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Cookie", session(user)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    void forgetTokens() {
        tokens.clear();
    }

    HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
        return client.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET that streams the body and counts lines (for the ledger); returns {status, lines, bytes}. */
    long[] getLines(String user, String path) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = client.send(request(user, path).timeout(Duration.ofMinutes(30)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long lines = 0;
        long bytes = 0;
        byte[] buf = new byte[65536];
        try (InputStream in = r.body()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return new long[] {r.statusCode(), lines, bytes};
    }

    HttpResponse<String> post(String user, String path, String json, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(user, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String user, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token(user)).header("Accept", "application/json");
    }

    // ------------------------------------------------------------------------------------------------ runs

    /** One request of client {@code client}, number {@code n}; returns the HTTP status (or 200 for a non-HTTP call). */
    @FunctionalInterface
    interface Call {
        int run(int client, long n) throws Exception;
    }

    /** Latencies and counts of one timed run (the warm-up is not counted). */
    record Result(String name, long ok, long errors, double seconds, long[] sortedNanos, String firstError,
            Cpu.PerOp cpu) {

        double perSecond() {
            return ok / seconds;
        }

        double percentileMs(double p) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
            return sortedNanos[Math.max(0, Math.min(i, sortedNanos.length - 1))] / 1e6;
        }

        String summary() {
            return String.format("%s: %d ok, %d errors in %.1f s = %.1f/s; p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%s",
                    name, ok, errors, seconds, perSecond(), percentileMs(50), percentileMs(95), percentileMs(99),
                    firstError == null ? "" : " (first error: " + firstError + ")");
        }
    }

    static Result run(String name, int clients, Duration warmup, Duration duration, Call call)
            throws InterruptedException {
        return run(name, clients, warmup, duration, call, null, t -> false);
    }

    /**
     * As {@link #run(String, int, Duration, Duration, Call)}, and with {@code cpu} the CPU of the timed part per
     * successful call: the JVM's, the threads {@code clientThreads} picks (the load generator's), the database's.
     */
    static Result run(String name, int clients, Duration warmup, Duration duration, Call call, Cpu cpu,
            Predicate<String> clientThreads) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        AtomicLong seq = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong lastDone = new AtomicLong(measureFrom);
        String[] firstError = new String[1];
        List<long[]> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            long[][] holder = new long[1][];
            perClient.add(null);
            Thread t = new Thread(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                        break;
                    }
                    int status;
                    String error = null;
                    try {
                        status = call.run(client, seq.getAndIncrement());
                    } catch (NoMoreWork stop) {
                        break;
                    } catch (Exception e) {
                        status = -1;
                        error = e.toString();
                    }
                    long t1 = System.nanoTime();
                    if (t0 < measureFrom) {
                        continue;
                    }
                    if (status >= 200 && status < 300) {
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = t1 - t0;
                        lastDone.accumulateAndGet(t1, Math::max);
                    } else {
                        errors.incrementAndGet();
                        synchronized (firstError) {
                            if (firstError[0] == null) {
                                firstError[0] = error != null ? error : "HTTP " + status;
                            }
                        }
                    }
                }
                holder[0] = Arrays.copyOf(lat, n);
                synchronized (perClient) {
                    perClient.set(client, holder[0]);
                }
            }, "bench-" + name + "-" + c);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        Cpu.Reading before = null;
        Cpu.Reading after = null;
        if (cpu != null) {
            sleepUntil(measureFrom);
            before = cpu.read(clientThreads);
            sleepUntil(end);
            after = cpu.read(clientThreads);
        }
        for (Thread t : threads) {
            t.join();
        }
        long[] all = perClient.stream().filter(a -> a != null).flatMapToLong(Arrays::stream).sorted().toArray();
        double seconds = Math.max(1e-3, (Math.min(lastDone.get(), end) - measureFrom) / 1e9);
        // per call started in the timed part (those in flight at its two ends balance)
        Cpu.PerOp perOp = before == null ? null : Cpu.perOp(before, after, all.length);
        return new Result(name, all.length, errors.get(), seconds, all, firstError[0], perOp);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long ms = (nanoTime - System.nanoTime()) / 1_000_000;
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    /** Thrown by a call when its supply of work (e.g. prepared case rows) is used up: the client stops early. */
    static final class NoMoreWork extends RuntimeException {
        NoMoreWork() {
            super(null, null, false, false);
        }
    }
}
