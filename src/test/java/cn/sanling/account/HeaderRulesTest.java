package cn.sanling.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.ReflectionUtils;

import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;

/** The firewall's header rules: Spring Security's, answered faster for printable ASCII (HeaderRules). */
@SanlingIntegrationTest
class HeaderRulesTest {

    @Autowired
    TestApi api;

    @Autowired
    FilterChainProxy filterChain;

    @Autowired
    HttpFirewall firewall;

    @Test
    void every_character_is_judged_as_spring_security_judges_it() {
        List<String> differences = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String alone = new String(Character.toChars(cp));
            String inToken = "Bearer eyJ" + alone + "x.y";
            compare(differences, alone, inToken);
        }
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                // mostly ASCII (the fast path's domain, controls included), some Latin-1 and CJK, lone surrogates
                int kind = random.nextInt(10);
                s.append(kind < 7 ? (char) random.nextInt(0x80) : kind < 9 ? (char) random.nextInt(0x100)
                        : (char) (0x4e00 + random.nextInt(0xb000)));
            }
            compare(differences, s.toString());
        }
        assertThat(differences).isEmpty();
        // what the fast path answers itself
        assertThat(HeaderRules.VALUES.test("Bearer abc.DEF-_~+/==")).isTrue();
        assertThat(HeaderRules.VALUES.test("a\tb")).isTrue();
        assertThat(HeaderRules.NAMES.test("a\tb")).isFalse();
        assertThat(HeaderRules.VALUES.test("a\u007fb")).isFalse();
        assertThat(HeaderRules.VALUES.test("a\nb")).isFalse();
    }

    private static void compare(List<String> differences, String... inputs) {
        for (String s : inputs) {
            if (HeaderRules.NAMES.test(s) != StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(s)) {
                differences.add("name " + s.codePoints().mapToObj(Integer::toHexString).toList());
            }
            if (HeaderRules.VALUES.test(s) != StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(s)) {
                differences.add("value " + s.codePoints().mapToObj(Integer::toHexString).toList());
            }
        }
    }

    @Test
    void the_application_runs_behind_this_firewall() {
        // Spring Security registers its filter chain wrapped in a FilterChainProxy subclass that delegates to the real one
        Field inner = ReflectionUtils.findField(filterChain.getClass(), "springSecurityFilterChain");
        Object proxy = inner == null ? filterChain : ReflectionTestUtils.getField(filterChain, inner.getName());
        assertThat(proxy).isInstanceOf(FilterChainProxy.class);
        assertThat(ReflectionTestUtils.getField(proxy, "firewall")).isSameAs(firewall);
        assertThat(ReflectionTestUtils.getField(firewall, "allowedHeaderValues")).isSameAs(HeaderRules.VALUES);
        assertThat(ReflectionTestUtils.getField(firewall, "allowedHeaderNames")).isSameAs(HeaderRules.NAMES);
    }

    @Test
    void a_header_with_a_control_character_is_refused_over_http_and_latin_letters_are_not() throws IOException {
        String token = api.login("gw_jiaokou");
        assertThat(statusOf(token, null)).isEqualTo(200);
        // U+0085 (NEXT LINE) is a control character: Tomcat passes the byte on as Latin-1, the firewall refuses it as
        // soon as the bearer filter reads the header
        assertThat(statusOf(token, (byte) 0x85)).isEqualTo(400);
        // U+00E9 (é) is assigned and no control: past the fast path, Spring's rule lets it through to the bearer
        // filter, which refuses the token
        assertThat(statusOf(token, (byte) 0xe9)).isEqualTo(401);
    }

    /**
     * GET /api/v1/me with the token, and this byte after it, in the Authorization header; over a raw socket, as an
     * HTTP client would refuse to send such a header. The firewall checks a header only when the application reads it.
     */
    private int statusOf(String token, Byte extra) throws IOException {
        URI base = URI.create(api.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("GET /api/v1/me HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nConnection: close\r\nAuthorization: Bearer " + token).getBytes(StandardCharsets.US_ASCII));
            if (extra != null) {
                request.write(extra);
            }
            request.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII); // "HTTP/1.1 200"
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
