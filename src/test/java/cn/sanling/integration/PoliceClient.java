package cn.sanling.integration;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import cn.sanling.testing.ApiResponse;

/** The 110 platform's client as a vendor would write it: signs the exact bytes it sends. */
final class PoliceClient {

    static final String PATH = "/api/v1/integrations/police-alerts";

    private final String baseUrl;
    private final HmacSigner signer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    PoliceClient(String baseUrl, String secret) {
        this.baseUrl = baseUrl;
        this.signer = new HmacSigner(secret);
    }

    /** Signed now, as it should be. */
    ApiResponse send(PoliceAlerts alert) {
        return send(alert.bytes());
    }

    ApiResponse send(byte[] body) {
        return sendAt(Instant.now().getEpochSecond(), body);
    }

    /** Signed correctly, with this timestamp (for skew tests). */
    ApiResponse sendAt(long epochSeconds, byte[] body) {
        String ts = Long.toString(epochSeconds);
        return post(headers(ts, signer.sign(ts, body)), body);
    }

    static Map<String, String> headers(String timestamp, String signature) {
        Map<String, String> h = new LinkedHashMap<>();
        if (timestamp != null) {
            h.put(HmacSigner.TIMESTAMP_HEADER, timestamp);
        }
        if (signature != null) {
            h.put(HmacSigner.SIGNATURE_HEADER, signature);
        }
        return h;
    }

    /** Exactly these headers and bytes. */
    ApiResponse post(Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + PATH)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new ApiResponse("POST", PATH, r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + PATH + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
