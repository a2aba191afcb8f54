package cn.sanling.testing;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** Assertions for RFC 9457 Problem Details answers (SPEC §7). */
public final class Problems {

    public static final String TYPE_BASE = "https://sanling.cn/problems/";

    private Problems() {
    }

    /**
     * Asserts an {@code application/problem+json} answer with this status and the members
     * {@code type, title, status, detail, instance}; returns the parsed body for further checks.
     */
    public static JsonNode assertProblem(ApiResponse r, int status) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.contentType()).as("content type of %s", r).isEqualTo("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.path("status").asInt()).as("status member of %s", r).isEqualTo(status);
        assertThat(p.path("type").asString("")).as("type member of %s", r).startsWith("https://");
        assertThat(p.path("title").asString("")).as("title member of %s", r).isNotBlank();
        assertThat(p.path("detail").asString("")).as("detail member of %s", r).isNotBlank();
        assertThat(p.path("instance").asString("")).as("instance member of %s", r).isNotBlank();
        return p;
    }

    /** As {@link #assertProblem} and the {@code type} ends with {@code /<slug>}. */
    public static JsonNode assertProblem(ApiResponse r, int status, String typeSlug) {
        JsonNode p = assertProblem(r, status);
        assertThat(p.path("type").asString()).as("type of %s", r).endsWith("/" + typeSlug);
        return p;
    }

    /** A 400 validation problem whose {@code errors[]} names this field. */
    public static JsonNode assertValidationError(ApiResponse r, String field) {
        JsonNode p = assertProblem(r, 400);
        assertThat(p.path("errors").isArray()).as("errors[] in %s", r).isTrue();
        assertThat(p.path("errors").valueStream().map(e -> e.path("field").asString("")))
                .as("fields in errors[] of %s", r).contains(field);
        p.path("errors").valueStream()
                .forEach(e -> assertThat(e.path("message").asString("")).as("message of %s", e).isNotBlank());
        return p;
    }
}
