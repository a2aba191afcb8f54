package cn.sanling.visit;

import static cn.sanling.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.AtOnce;
import cn.sanling.testing.Browser;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;

/**
 * A visit or a report sent twice, as a phone on a flaky connection sends it: by an API client repeating its
 * {@code Idempotency-Key}, and by a web form repeating its hidden key. Once written, never twice.
 */
@SanlingIntegrationTest
class SentTwiceTest {

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;

    long visitsWithKey(String key) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM visit WHERE submission_key = ?", Long.class, key);
    }

    @Test
    void a_visit_repeated_with_its_idempotency_key_is_logged_once_with_its_case() throws Exception {
        String key = "visit-" + System.nanoTime();
        Map<String, String> header = Map.of("Idempotency-Key", key);
        List<ApiResponse> answers = AtOnce.run(4,
                i -> api.as("gw_jiaokou").post("/api/v1/visits", Visits.withReportedHazard().json(), header));
        assertThat(answers).extracting(ApiResponse::status).as("one logs it, the others get it")
                .containsOnly(200, 201).containsOnlyOnce(201);
        assertThat(answers.stream().map(r -> r.json().get("id").asLong()).distinct()).hasSize(1);
        assertThat(visitsWithKey(key)).isOne();
        long visit = jdbc.queryForObject("SELECT id FROM visit WHERE submission_key = ?", Long.class, key);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dispute WHERE visit_id = ?", Long.class, visit))
                .as("and its hazard reported once").isOne();

        ApiResponse later = api.as("gw_jiaokou").post("/api/v1/visits", Visits.routine().json(), header);
        assertThat(later.status()).as("a later repeat: the first visit, as it was").isEqualTo(200);
        assertThat(later.json().get("id").asLong()).isEqualTo(visit);
        ApiResponse otherUser = api.as("gw_fucun").post("/api/v1/visits",
                Visits.routine().inGrid(Visits.FUCUN_GRID).json(), header);
        assertThat(otherUser.status()).as("the same key of another user is another request").isEqualTo(201);
        assertThat(api.as("gw_jiaokou").post("/api/v1/visits", Visits.routine().json(),
                Map.of("Idempotency-Key", key.toUpperCase())).status()).as("keys compare exactly").isEqualTo(201);
        assertProblem(api.as("gw_jiaokou").post("/api/v1/visits", Visits.routine().json(),
                Map.of("Idempotency-Key", "x".repeat(101))), 400);
    }

    @Test
    void a_visit_form_sent_twice_logs_one_visit_and_one_case() {
        Browser b = signIn();
        String page = b.get("/visits/new").body();
        String key = hiddenKey(page);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", b.get("/visits/new").csrfToken());
        form.put("submissionKey", key);
        form.put("gridCode", Visits.JIAOKOU_GRID);
        form.put("address", "交口村二组 3 号");
        form.put("kind", "ROUTINE");
        form.put("hazard", "true");
        form.put("categoryCode", "NEIGHBOUR");
        form.put("reportDispute", "true");
        form.put("report.title", "院墙纠纷");
        form.put("report.description", "两户因院墙高度争执。");
        form.put("report.categoryCode", "NEIGHBOUR");
        form.put("report.parties[0].name", "孙七");
        form.put("report.parties[0].role", "APPLICANT");

        Browser.Page first = b.postForm("/visits/new", form);
        Browser.Page again = b.postForm("/visits/new", form);

        assertThat(first.status()).as("%s", first).isEqualTo(302);
        assertThat(again.status()).as("%s: the second sending lands where the first did", again).isEqualTo(302);
        assertThat(again.location()).isEqualTo(first.location());
        assertThat(visitsWithKey(key)).isOne();
        long visit = jdbc.queryForObject("SELECT id FROM visit WHERE submission_key = ?", Long.class, key);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dispute WHERE visit_id = ?", Long.class, visit)).isOne();
        assertThat(hiddenKey(b.get("/visits/new").body())).as("a new form, a new key").isNotEqualTo(key);
    }

    @Test
    void a_report_form_sent_twice_reports_one_case() {
        Browser b = signIn();
        String key = hiddenKey(b.get("/cases/new").body());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", b.get("/cases/new").csrfToken());
        form.put("submissionKey", key);
        form.put("title", "借用农具未还");
        form.put("description", "借用的农具半年未还。");
        form.put("categoryCode", "DEBT");
        form.put("place", Visits.JIAOKOU_GRID);
        form.put("source", "WALK_IN");
        form.put("parties[0].name", "周八");
        form.put("parties[0].role", "APPLICANT");

        Browser.Page first = b.postForm("/cases/new", form);
        Browser.Page again = b.postForm("/cases/new", form);

        assertThat(first.status()).as("%s", first).isEqualTo(302);
        assertThat(again.location()).as("the same case").isEqualTo(first.location());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_key WHERE idem_key = ?", Long.class, key))
                .isOne();
    }

    private Browser signIn() {
        Browser b = new Browser(api.baseUrl());
        assertThat(b.signIn("gw_jiaokou", TestApi.DEMO_PASSWORD).status()).isEqualTo(302);
        return b;
    }

    private static String hiddenKey(String page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"submissionKey\" value=\"([^\"]+)\"")
                .matcher(page);
        assertThat(m.find()).as("the form carries its key").isTrue();
        return m.group(1);
    }
}
