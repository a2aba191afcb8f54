package cn.sanling.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;

/** Browser-facing hardening: CSP with frame-ancestors, nosniff, Referrer-Policy, HttpOnly + SameSite session cookie. */
@SanlingIntegrationTest
class SecurityHeadersTest {

    @Autowired
    TestApi api;

    @Test
    void pages_carry_the_security_headers() throws Exception {
        HttpResponse<String> login = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(api.baseUrl() + "/login")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("SANLING_SESSION=").contains("HttpOnly").contains("SameSite=Lax"));
    }

    @Test
    void the_api_carries_them_too() {
        ApiResponse me = api.as("sup_hubin").get("/api/v1/me");

        assertThat(me.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(me.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(me.header("Set-Cookie")).as("the API is stateless").isNull();
    }
}
