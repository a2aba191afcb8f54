package cn.sanling.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser in the HTTP sense: keeps cookies (the session), posts HTML forms, does not follow redirects so tests
 * can see where they point. No JavaScript, which the login form does not need.
 */
public final class Browser {

    private static final Pattern CSRF = Pattern.compile(
            "<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    private final String baseUrl;
    private final HttpClient http;

    public Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/html").GET(), path);
    }

    public Page postForm(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), path);
    }

    /** Opens the login page and submits its form (with the CSRF token it carries); answers the redirect. */
    public Page signIn(String username, String password) {
        Page form = get("/login");
        assertThat(form.status()).as("GET /login").isEqualTo(200);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", username);
        fields.put("password", password);
        fields.put("_csrf", form.csrfToken());
        return postForm("/login", fields);
    }

    private Page send(HttpRequest.Builder request, String path) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String location = r.headers().firstValue("Location").map(this::relative).orElse(null);
            return new Page(path, r.statusCode(), location, r.body());
        } catch (IOException e) {
            throw new IllegalStateException(path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String relative(String location) {
        return location.startsWith(baseUrl) ? location.substring(baseUrl.length()) : location;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A page or redirect; {@code location} is relative to the application when it points inside it. */
    public record Page(String path, int status, String location, String body) {

        /** The value of the hidden {@code _csrf} field of the page's form. */
        public String csrfToken() {
            Matcher m = CSRF.matcher(body);
            assertThat(m.find()).as("a _csrf field on %s", path).isTrue();
            return m.group(1) != null ? m.group(1) : m.group(2);
        }

        @Override
        public String toString() {
            return path + " -> " + status + (location == null ? "" : " Location: " + location);
        }
    }
}
