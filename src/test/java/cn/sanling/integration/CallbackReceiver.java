package cn.sanling.integration;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 110 platform's end of the feedback: a JDK HTTP server on a loopback port that records every request, checks
 * its signature and timestamp as a vendor would, and answers as scripted per {@code alertId} (fail, hang, succeed);
 * alerts without a script are answered 200.
 */
final class CallbackReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the receiver does with one request. */
    sealed interface Reply permits Status, Hang {
    }

    record Status(int code) implements Reply {
    }

    /** Holds the request this long before answering 200 (longer than the sender's timeout = a timeout). */
    record Hang(Duration duration) implements Reply {
    }

    static Reply status(int code) {
        return new Status(code);
    }

    static Reply hang(Duration d) {
        return new Hang(d);
    }

    /**
     * One request as received.
     *
     * @param signatureValid the HMAC over timestamp + "." + raw body matches
     * @param skewSeconds    received time minus X-Sanling-Timestamp
     * @param answered       the status answered, or -1 when the receiver hung
     */
    record Received(Instant at, String messageId, String timestamp, boolean signatureValid, long skewSeconds,
            JsonNode body, String rawBody, int answered) {

        String alertId() {
            return body == null ? null : body.path("alertId").asString(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final HmacSigner signer;
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Reply> always = new ConcurrentHashMap<>();
    private final List<Received> received = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Duration delay = Duration.ZERO;

    CallbackReceiver(String secret) throws IOException {
        this.signer = new HmacSigner(secret);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/feedback", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feedback");
    }

    /** The next requests for this alert get these replies, in order; then 200 again. */
    void script(String alertId, Reply... replies) {
        scripts.put(alertId, new ArrayDeque<>(List.of(replies)));
    }

    /** Every request for this alert gets this reply until {@link #clear}. */
    void always(String alertId, Reply reply) {
        always.put(alertId, reply);
    }

    void clear(String alertId) {
        always.remove(alertId);
        scripts.remove(alertId);
    }

    /** Every answer waits this long first (to make racing senders overlap). */
    void delayEveryAnswer(Duration d) {
        delay = d;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> receivedFor(String alertId) {
        return received().stream().filter(r -> alertId.equals(r.alertId())).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex; InputStream in = ex.getRequestBody()) {
            byte[] raw = in.readAllBytes();
            Instant now = Instant.now();
            String ts = ex.getRequestHeaders().getFirst(HmacSigner.TIMESTAMP_HEADER);
            String sig = ex.getRequestHeaders().getFirst(HmacSigner.SIGNATURE_HEADER);
            String id = ex.getRequestHeaders().getFirst(HmacSigner.MESSAGE_ID_HEADER);
            long skew = ts == null ? Long.MAX_VALUE : now.getEpochSecond() - Long.parseLong(ts);
            JsonNode body;
            try {
                body = JSON.readTree(raw);
            } catch (RuntimeException e) {
                body = null;
            }
            String alertId = body == null ? null : body.path("alertId").asString(null);
            Reply reply = reply(alertId);
            int answered = reply instanceof Status s ? s.code() : -1;
            synchronized (this) {
                received.add(new Received(now, id, ts, signer.verify(ts, raw, sig), skew, body,
                        new String(raw, java.nio.charset.StandardCharsets.UTF_8), answered));
            }
            if (!delay.isZero()) {
                pause(delay);
            }
            if (reply instanceof Hang h) {
                pause(h.duration());
                answered = 200;
            }
            ex.sendResponseHeaders(answered, -1);
        }
    }

    private Reply reply(String alertId) {
        if (alertId != null) {
            Reply fixed = always.get(alertId);
            if (fixed != null) {
                return fixed;
            }
            Deque<Reply> script = scripts.get(alertId);
            if (script != null) {
                synchronized (script) {
                    Reply next = script.poll();
                    if (next != null) {
                        return next;
                    }
                }
            }
        }
        return new Status(200);
    }

    private void pause(Duration d) {
        try {
            closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}
