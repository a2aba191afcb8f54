package cn.sanling.support;

import static cn.sanling.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;

/** Oversized, deeply nested and badly encoded bodies get a 4xx Problem, never a 5xx or a hung server. */
@SanlingIntegrationTest
class InputAbuseApiTest {

    @Autowired
    TestApi api;

    @Test
    void body_over_the_limit_is_413_when_announced() {
        String huge = "{\"title\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertProblem(api.as("gw_jiaokou").post("/api/v1/disputes", huge), 413);
    }

    @Test
    void body_over_the_limit_is_413_when_streamed_in_chunks() throws Exception {
        byte[] chunk = ("{\"title\":\"" + "y".repeat(64 * 1024)).getBytes(StandardCharsets.UTF_8);
        Stream<byte[]> chunks = Stream.concat(Stream.of(chunk),
                IntStream.range(0, 40).mapToObj(i -> "z".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/disputes"))
                .header("Authorization", "Bearer " + api.login("gw_jiaokou"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofByteArrays(chunks::iterator)))
                .build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void deeply_nested_json_is_400() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        ApiResponse r = api.as("gw_jiaokou").post("/api/v1/disputes", "{\"parties\":" + deep + "}");
        assertProblem(r, 400);
    }

    @Test
    void invalid_utf8_is_400() throws Exception {
        byte[] bad = "{\"title\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = Arrays.copyOf(bad, bad.length);
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/disputes"))
                .header("Authorization", "Bearer " + api.login("gw_jiaokou"))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("/problems/malformed");
    }

    @Test
    void wrong_content_type_is_4xx_problem() {
        ApiResponse r = api.as("gw_jiaokou").send("POST", "/api/v1/disputes", "title=x", "application/x-www-form-urlencoded");
        assertThat(r.status()).isBetween(400, 499);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
    }
}
