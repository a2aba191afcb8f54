package cn.sanling.testing;

import java.net.http.HttpHeaders;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An HTTP answer: status, headers, raw body and the body parsed as JSON. */
public record ApiResponse(String method, String path, int status, HttpHeaders headers, String body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The body as a JSON tree; fails the test with the raw body if it is not JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            throw new AssertionError("Not JSON: " + this, e);
        }
    }

    /** The media type of the body without parameters, e.g. {@code application/problem+json}. */
    public String contentType() {
        return headers.firstValue("Content-Type").map(v -> v.split(";")[0].trim()).orElse(null);
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
        String shown = body == null || body.length() < 2000 ? body : body.substring(0, 2000) + "...";
        return method + " " + path + " -> " + status + " " + contentType() + " " + shown;
    }
}
