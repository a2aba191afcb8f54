package cn.sanling.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small client for the JSON API over real HTTP: {@code api.as("med_hubin").get("/api/v1/me")}. Tokens come from
 * {@code POST /api/v1/auth/token} and are cached per user until shortly before they expire.
 */
public final class TestApi {

    /** The password of every demo account (SPEC §9). */
    public static final String DEMO_PASSWORD = "Sanling@2026";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Supplier<String> baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

    TestApi(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A client for an application a test starts itself (a second node, a restarted one). */
    public static TestApi at(String baseUrl) {
        return new TestApi(() -> baseUrl);
    }

    public String baseUrl() {
        return baseUrl.get();
    }

    /** A bearer token for a demo account (cached). */
    public String login(String username) {
        return login(username, DEMO_PASSWORD);
    }

    /** A bearer token for this user and password (cached per user); fails the test if login is refused. */
    public String login(String username, String password) {
        CachedToken cached = tokens.get(username);
        if (cached != null && cached.password().equals(password) && Instant.now().isBefore(cached.refreshAt())) {
            return cached.token();
        }
        ApiResponse r = requestToken(username, password);
        assertThat(r.status()).as("login of %s: %s", username, r).isEqualTo(200);
        JsonNode json = r.json();
        String token = json.get("accessToken").asString();
        Instant refreshAt = Instant.now().plusSeconds(Math.max(0, json.get("expiresIn").asLong() - 60));
        tokens.put(username, new CachedToken(token, password, refreshAt));
        return token;
    }

    /** {@code POST /api/v1/auth/token}, uncached, whatever the answer. */
    public ApiResponse requestToken(String username, String password) {
        return anonymous().post("/api/v1/auth/token", Map.of("username", username, "password", password));
    }

    /** Forgets cached tokens of a user (after changing their password, say). */
    public void forget(String username) {
        tokens.remove(username);
    }

    /** Requests as this demo account. */
    public Caller as(String username) {
        return new Caller(login(username));
    }

    /** Requests as this user with this password. */
    public Caller as(String username, String password) {
        return new Caller(login(username, password));
    }

    /** Requests with exactly this bearer token (forged, expired, ...). */
    public Caller withToken(String token) {
        return new Caller(token);
    }

    /** Requests without any credentials. */
    public Caller anonymous() {
        return new Caller(null);
    }

    /** Sends requests with one bearer token (or none). Bodies: a String is sent as is, anything else as JSON. */
    public final class Caller {

        private final String token;

        private Caller(String token) {
            this.token = token;
        }

        public ApiResponse get(String path) {
            return send("GET", path, null, null);
        }

        public ApiResponse post(String path, Object body) {
            return send("POST", path, body, "application/json");
        }

        /** POST with extra headers (an {@code Idempotency-Key}, say). */
        public ApiResponse post(String path, Object body, Map<String, String> headers) {
            return send("POST", path, body, "application/json", headers);
        }

        public ApiResponse patch(String path, Object body) {
            return send("PATCH", path, body, "application/json");
        }

        public ApiResponse delete(String path) {
            return send("DELETE", path, null, null);
        }

        /** Any request, for the odd cases (wrong content type, unusual method). */
        public ApiResponse send(String method, String path, Object body, String contentType) {
            return send(method, path, body, contentType, Map.of());
        }

        private ApiResponse send(String method, String path, Object body, String contentType,
                Map<String, String> headers) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json, application/problem+json");
            headers.forEach(b::header);
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                // bytes as they are (a file in another encoding), text as UTF-8, anything else as JSON
                HttpRequest.BodyPublisher publisher = body instanceof byte[] bytes
                        ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                        : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s
                                : JSON.writeValueAsString(body), StandardCharsets.UTF_8);
                b.header("Content-Type", contentType).method(method, publisher);
            }
            try {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new ApiResponse(method, path, r.statusCode(), r.headers(), r.body());
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + path + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private record CachedToken(String token, String password, Instant refreshAt) {
    }
}
