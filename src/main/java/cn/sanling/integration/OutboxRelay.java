package cn.sanling.integration;

import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import cn.sanling.integration.OutboxMessage.State;

/**
 * Sends outbox messages to the 110 callback URL, on every node that has one configured. Each message is claimed
 * (one short transaction), sent outside any transaction, and its outcome recorded by the holder of the claim:
 * 2xx is delivered; anything else, a timeout or a refused connection is retried with exponential backoff until the
 * last attempt, after which the message is DEAD. Delivery is at least once: a node that dies between sending and
 * recording leaves a lease that runs out, and the message goes again with the same {@code X-Sanling-Message-Id}.
 *
 * <p>One thread per node polls every {@code poll-interval} and is nudged right after a message is queued. After a
 * failed attempt the rest of the batch waits for the next poll: the receiver is most likely down.
 */
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final Outbox outbox;
    private final HmacSigner signer;
    private final URI callbackUrl;
    private final PoliceProperties.Feedback config;
    private final boolean autoStart;
    private final String node;
    private final Clock clock;
    /**
     * Built on the first send: a node without a callback URL never sends, and so never sets up TLS (the JDK's trust
     * store) or starts the client's selector thread (0.4-1.7% of the main thread's start-up when it was built here).
     */
    private volatile HttpClient http;
    private final Object httpLock = new Object();
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    OutboxRelay(Outbox outbox, HmacSigner signer, URI callbackUrl, PoliceProperties.Feedback config, boolean autoStart,
            String node, Clock clock) {
        this.outbox = outbox;
        this.signer = signer;
        this.callbackUrl = callbackUrl;
        this.config = config;
        this.autoStart = autoStart;
        this.node = node;
        this.clock = clock;
    }

    /** host/pid/random: tells the nodes apart in {@code claimed_by}. */
    static String defaultNodeName() {
        String runtime = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
        return (runtime.length() > 80 ? runtime.substring(0, 80) : runtime) + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    String node() {
        return node;
    }

    /** Whether the HTTP client exists yet (it is built by the first send). */
    boolean hasHttpClient() {
        return http != null;
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (httpLock) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
                    http = client;
                }
            }
        }
        return client;
    }

    /**
     * Sends what is due, at most {@code batch-size} messages, stopping at the first failure.
     *
     * @return how many messages were delivered
     */
    int drain() {
        int delivered = 0;
        for (int i = 0; i < config.batchSize(); i++) {
            Outbox.Claim claim = outbox.claimNext(node, config.lease());
            if (claim == null) {
                break;
            }
            String error = send(claim.message());
            if (error == null) {
                outbox.delivered(claim);
                delivered++;
            } else {
                int attempts = claim.message().attempts();
                State state = outbox.failed(claim, error, config.maxAttempts(), config.retryDelay(attempts));
                log.warn("110 feedback {} ({} {}) attempt {} failed: {}{}", claim.message().messageId(),
                        claim.message().caseNo(), claim.message().caseStatus(), attempts, error,
                        state == State.PENDING ? "; next in " + config.retryDelay(attempts) : "");
                break;
            }
        }
        return delivered;
    }

    /** One attempt; null on a 2xx answer, else what went wrong. */
    String send(OutboxMessage m) {
        byte[] body = m.payload().getBytes(StandardCharsets.UTF_8);
        // signed at sending time, so a retry hours later still passes the receiver's 300 s window
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(callbackUrl).timeout(config.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Sanling-110-Feedback/1")
                .header(HmacSigner.TIMESTAMP_HEADER, timestamp)
                .header(HmacSigner.SIGNATURE_HEADER, signer.sign(timestamp, body))
                .header(HmacSigner.MESSAGE_ID_HEADER, m.messageId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        CompletableFuture<HttpResponse<Void>> answer = http().sendAsync(request,
                HttpResponse.BodyHandlers.discarding());
        try {
            // the client's own timeout covers the headers; this bound covers connecting and the body as well
            HttpResponse<Void> r = answer.get(config.connectTimeout().plus(config.requestTimeout()).toMillis(),
                    TimeUnit.MILLISECONDS);
            return r.statusCode() / 100 == 2 ? null : "HTTP " + r.statusCode();
        } catch (TimeoutException e) {
            answer.cancel(true);
            return "no answer within " + config.requestTimeout();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return "no answer within " + config.requestTimeout();
            }
            if (cause instanceof ConnectException) {
                return "cannot connect to " + callbackUrl.getAuthority() + " (ConnectException)";
            }
            return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return "interrupted (node stopping)";
        }
    }

    /** Sends queued messages soon, on the relay's thread (several nudges in a row collapse into one drain). */
    void wakeUp() {
        ScheduledExecutorService ex = executor;
        if (ex != null && wakeUpQueued.compareAndSet(false, true)) {
            try {
                ex.execute(() -> {
                    wakeUpQueued.set(false);
                    drainQuietly();
                });
            } catch (RuntimeException stopping) {
                wakeUpQueued.set(false);
            }
        }
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            // the database may be briefly away; the next poll tries again
            log.warn("110 feedback relay: {}", e.toString());
        }
    }

    @Override
    public boolean isAutoStartup() {
        return autoStart;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbox-relay");
            t.setDaemon(true);
            return t;
        });
        long every = config.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::drainQuietly, every, every, TimeUnit.MILLISECONDS);
        log.info("110 feedback relay {} started: {} every {}", node, callbackUrl, config.pollInterval());
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService ex = executor;
        executor = null;
        if (ex == null) {
            return;
        }
        ex.shutdown();
        try {
            Duration grace = config.connectTimeout().plus(config.requestTimeout()).plusSeconds(1);
            if (!ex.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                ex.shutdownNow();
            }
        } catch (InterruptedException e) {
            ex.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("110 feedback relay {} stopped", node);
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        // stops before the web server and the data source (they stop late), after everything else has started
        return Integer.MAX_VALUE - 1000;
    }
}
