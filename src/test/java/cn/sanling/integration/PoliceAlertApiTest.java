package cn.sanling.integration;

import static cn.sanling.testing.Problems.assertProblem;
import static cn.sanling.testing.Problems.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import tools.jackson.databind.JsonNode;

/** SPEC §8 inbound: signed, idempotent 110 alert intake over real HTTP, on the test database. */
@SanlingIntegrationTest
class PoliceAlertApiTest {

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;

    PoliceClient police;

    @BeforeEach
    void setUp() {
        police = new PoliceClient(api.baseUrl(), PoliceAlerts.SECRET);
    }

    // ---------------------------------------------------------------------------------------------- the case

    /** An administrator who disables 家庭暴力 on the forms does not stop the 110 link's 家暴 alerts (upgrade audit). */
    @Test
    void a_domestic_violence_alert_keeps_its_sub_category_when_the_forms_no_longer_offer_it() {
        String path = "/api/v1/admin/categories/FAMILY_DOMESTIC_VIOLENCE";
        assertThat(api.as("admin").patch(path, Map.of("enabled", false)).status()).isEqualTo(200);
        try {
            ApiResponse r = police.send(PoliceAlerts.domesticViolence());
            assertThat(r.status()).as("%s", r).isEqualTo(201);
            JsonNode c = caseAs("med_jiaokou", r.json().get("caseId").asLong());
            assertThat(c.get("subCategory").get("code").asString()).isEqualTo("FAMILY_DOMESTIC_VIOLENCE");
        } finally {
            assertThat(api.as("admin").patch(path, Map.of("enabled", true)).status()).isEqualTo(200);
        }
    }

    @Test
    void a_signed_domestic_violence_alert_opens_a_family_violence_case_graded_at_least_orange() {
        PoliceAlerts alert = PoliceAlerts.domesticViolence();

        ApiResponse r = police.send(alert);

        assertThat(r.status()).as("%s", r).isEqualTo(201);
        JsonNode receipt = r.json();
        assertThat(receipt.propertyNames()).containsExactlyInAnyOrder("caseId", "caseNo");
        assertThat(receipt.get("caseNo").asString()).matches("411202-\\d{4}-\\d{6}");
        JsonNode c = caseAs("med_jiaokou", receipt.get("caseId").asLong());
        assertThat(c.get("caseNo").asString()).isEqualTo(receipt.get("caseNo").asString());
        assertThat(c.get("source").asString()).isEqualTo("POLICE_110");
        assertThat(c.get("status").asString()).isEqualTo("PENDING");
        assertThat(c.get("category").get("code").asString()).isEqualTo("FAMILY");
        assertThat(c.get("subCategory").get("code").asString()).isEqualTo("FAMILY_DOMESTIC_VIOLENCE");
        assertThat(c.get("subCategory").get("name").asString()).isEqualTo("家庭暴力");
        assertThat(c.get("riskFlags").valueStream().map(JsonNode::asString)).contains("DOMESTIC_VIOLENCE");
        assertThat(c.get("riskLevel").asString()).isIn("ORANGE", "RED");
        assertThat(c.get("villageCode").asString()).isEqualTo(PoliceAlerts.JIAOKOU);
        assertThat(c.get("description").asString()).contains("酒后动手", "交口村三组 12 号", alert.alertId());
        assertThat(c.get("occurredAt").asString()).isNotBlank();
    }

    @ParameterizedTest(name = "{0} -> {1}/{2}")
    @CsvSource({
            "MARRIAGE_FAMILY, FAMILY, FAMILY_MARRIAGE",
            "NEIGHBOUR, NEIGHBOUR, ",
            "DEBT, DEBT, ",
            "OTHER, OTHER, "})
    void every_alert_type_becomes_its_category(String type, String category, String subCategory) {
        ApiResponse r = police.send(PoliceAlerts.ofType(type).with("summary", "邻居因琐事争吵，民警已到场劝解。"));

        assertThat(r.status()).as("%s", r).isEqualTo(201);
        JsonNode c = caseAs("med_jiaokou", r.json().get("caseId").asLong());
        assertThat(c.get("category").get("code").asString()).isEqualTo(category);
        if (subCategory == null) {
            assertThat(c.path("subCategory").isMissingNode() || c.path("subCategory").isNull()).isTrue();
        } else {
            assertThat(c.get("subCategory").get("code").asString()).isEqualTo(subCategory);
        }
        assertThat(c.path("riskFlags").valueStream().map(JsonNode::asString)).doesNotContain("DOMESTIC_VIOLENCE");
        assertThat(c.get("riskLevel").asString()).as("a 110 alert is at least YELLOW").isIn("YELLOW", "ORANGE", "RED");
    }

    @Test
    void the_caller_is_a_party_shown_masked_and_stored_encrypted() {
        ApiResponse r = police.send(PoliceAlerts.domesticViolence().with("callerPhone", "+86 139 1234 5678"));

        assertThat(r.status()).as("%s", r).isEqualTo(201);
        long id = r.json().get("caseId").asLong();
        JsonNode party = caseAs("med_jiaokou", id).get("parties").get(0);
        assertThat(party.get("name").asString()).isEqualTo("王*");
        assertThat(party.get("phone").asString()).isEqualTo("139****5678");
        assertThat(party.get("role").asString()).isEqualTo("APPLICANT");
        Map<String, Object> stored = jdbc.queryForMap(
                "SELECT name_enc, phone_enc FROM dispute_party WHERE dispute_id = ?", id);
        assertThat(stored.values()).allSatisfy(v -> assertThat(v.toString()).doesNotContain("王芳", "13912345678"));
        List<Map<String, Object>> alertRows = jdbc.queryForList("SELECT * FROM police_alert WHERE dispute_id = ?", id);
        assertThat(alertRows).hasSize(1);
        assertThat(alertRows.get(0).values()).allSatisfy(
                v -> assertThat(String.valueOf(v)).doesNotContain("王芳", "13912345678"));
    }

    @Test
    void an_alert_without_caller_details_still_opens_a_case() {
        ApiResponse r = police.send(PoliceAlerts.ofType("NEIGHBOUR").without("callerName").without("callerPhone"));

        assertThat(r.status()).as("%s", r).isEqualTo(201);
        JsonNode parties = caseAs("med_jiaokou", r.json().get("caseId").asLong()).get("parties");
        assertThat(parties).hasSize(1);
        assertThat(parties.get(0).get("name").asString()).as("not a masked number").isEqualTo("匿****");
    }

    @Test
    void intake_and_repeats_are_in_the_audit_log() {
        PoliceAlerts alert = PoliceAlerts.domesticViolence();
        long id = police.send(alert).json().get("caseId").asLong();
        police.send(alert);

        List<Map<String, Object>> rows = jdbc.queryForList("SELECT actor, role, action, region_code, to_status, result, "
                + "detail FROM audit_log WHERE target_type = 'DISPUTE' AND target_id = ? ORDER BY id", String.valueOf(id));
        assertThat(rows).extracting(m -> m.get("action")).containsExactly("DISPUTE_REPORT", "POLICE_ALERT_RECEIVED",
                "POLICE_ALERT_REPEATED");
        Map<String, Object> received = rows.get(1);
        assertThat(received.get("actor")).isEqualTo("police110");
        assertThat(received.get("role")).isEqualTo("POLICE_110");
        assertThat(received.get("region_code")).isEqualTo(PoliceAlerts.JIAOKOU);
        assertThat(received.get("result")).isEqualTo("SUCCESS");
        assertThat((String) received.get("detail")).contains(alert.alertId());
        assertThat(rows).allSatisfy(m -> assertThat(String.valueOf(m.get("detail"))).doesNotContain("王芳", "13912345678"));
    }

    // ---------------------------------------------------------------------------------------------- idempotency

    @Test
    void the_same_alert_again_answers_200_with_the_first_case_and_opens_no_second() {
        PoliceAlerts alert = PoliceAlerts.domesticViolence();
        ApiResponse first = police.send(alert);

        ApiResponse again = police.send(alert);
        ApiResponse changed = police.send(alert.with("summary", "重复推送，内容略有不同。"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(changed.json()).isEqualTo(first.json());
        ApiResponse broken = police.send(alert.with("villageCode", "411202999999").without("summary"));
        assertThat(broken.status()).as("a repeat is answered before its content is judged: %s", broken).isEqualTo(200);
        assertThat(broken.json()).isEqualTo(first.json());
        assertThat(casesOf(alert.alertId())).isEqualTo(1);
    }

    @Test
    void concurrent_duplicates_of_one_alert_open_exactly_one_case() throws Exception {
        int senders = 6;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            for (int round = 0; round < 4; round++) {
                PoliceAlerts alert = PoliceAlerts.domesticViolence();
                byte[] body = alert.bytes();
                CyclicBarrier start = new CyclicBarrier(senders);
                List<Future<ApiResponse>> answers = new ArrayList<>();
                for (int i = 0; i < senders; i++) {
                    answers.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return police.send(body);
                    }));
                }
                List<Integer> statuses = new ArrayList<>();
                Set<JsonNode> bodies = new HashSet<>();
                for (Future<ApiResponse> f : answers) {
                    ApiResponse r = f.get(60, TimeUnit.SECONDS);
                    statuses.add(r.status());
                    bodies.add(r.json());
                }

                assertThat(statuses).as("round %d", round).containsOnly(201, 200).containsOnlyOnce(201);
                assertThat(bodies).as("round %d: one answer for all", round).hasSize(1);
                assertThat(casesOf(alert.alertId())).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------------------- authentication

    @Test
    void a_timestamp_more_than_300_seconds_away_is_refused_either_way() {
        long now = Instant.now().getEpochSecond(); // up to 1 s behind the server's clock: margins of a few seconds
        PoliceAlerts alert = PoliceAlerts.domesticViolence();

        assertProblem(police.sendAt(now - 301, alert.bytes()), 401, "unauthorized");
        assertProblem(police.sendAt(now + 305, alert.bytes()), 401, "unauthorized");
        assertThat(casesOf(alert.alertId())).isZero();
        assertThat(police.sendAt(now - 290, alert.bytes()).status()).as("within the window").isEqualTo(201);
    }

    @Test
    void a_missing_malformed_or_wrong_signature_is_refused() {
        PoliceAlerts alert = PoliceAlerts.domesticViolence();
        byte[] body = alert.bytes();
        String ts = Long.toString(Instant.now().getEpochSecond());
        HmacSigner other = new HmacSigner("not-the-shared-secret-at-all");
        String good = new HmacSigner(PoliceAlerts.SECRET).sign(ts, body);
        long audited = refusalsAudited();

        assertProblem(police.post(PoliceClient.headers(null, null), body), 401, "unauthorized");
        assertProblem(police.post(PoliceClient.headers(ts, null), body), 401, "unauthorized");
        assertProblem(police.post(PoliceClient.headers(null, good), body), 401, "unauthorized");
        assertProblem(police.post(PoliceClient.headers("yesterday", good), body), 401, "unauthorized");
        assertProblem(police.post(PoliceClient.headers(ts, other.sign(ts, body)), body), 401, "unauthorized");
        assertProblem(police.post(PoliceClient.headers(ts, good.replace("sha256=", "sha1=")), body), 401);
        assertProblem(police.post(PoliceClient.headers(ts, "sha256=xyz"), body), 401);
        assertProblem(police.post(PoliceClient.headers(ts, good.substring(0, good.length() - 2)), body), 401);
        // signed over another timestamp, or the body changed after signing
        String later = Long.toString(Long.parseLong(ts) + 1);
        assertProblem(police.post(PoliceClient.headers(later, good), body), 401);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace(PoliceAlerts.JIAOKOU, "411202201201")
                .getBytes(StandardCharsets.UTF_8);
        assertProblem(police.post(PoliceClient.headers(ts, good), tampered), 401);
        assertThat(casesOf(alert.alertId())).isZero();
        assertThat(refusalsAudited() - audited).as("each of the ten refusals in the audit log").isEqualTo(10);

        assertThat(police.post(PoliceClient.headers(ts, good), body).status()).isEqualTo(201);
    }

    @Test
    void a_bearer_token_is_no_substitute_for_the_signature() {
        PoliceAlerts alert = PoliceAlerts.domesticViolence();

        ApiResponse r = api.as("med_jiaokou").post(PoliceClient.PATH, alert.json());

        assertProblem(r, 401, "unauthorized");
        assertThat(casesOf(alert.alertId())).isZero();
    }

    // ---------------------------------------------------------------------------------------------- content

    @Test
    void a_body_over_64_kib_is_refused_with_413_even_when_signed() {
        PoliceAlerts alert = PoliceAlerts.domesticViolence().with("padding", "x".repeat(64 * 1024));

        assertProblem(police.send(alert), 413, "too-large");
        assertThat(casesOf(alert.alertId())).isZero();
    }

    @Test
    void a_body_that_is_not_a_json_object_is_400() {
        for (String body : List.of("{\"alertId\": \"A1\", ", "[]", "", "42", "null")) {
            ApiResponse r = police.send(body.getBytes(StandardCharsets.UTF_8));
            assertProblem(r, 400, "malformed");
        }
    }

    @Test
    void every_missing_field_is_named() {
        JsonNode p = assertValidationError(police.send("{}".getBytes(StandardCharsets.UTF_8)), "alertId");

        assertThat(p.get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("alertId", "receivedAt", "type", "villageCode", "address", "summary");
    }

    @Test
    void bad_values_are_400_with_the_field_named() {
        assertValidationError(police.send(PoliceAlerts.ofType("ROBBERY")), "type");
        assertValidationError(police.send(PoliceAlerts.domesticViolence().with("receivedAt", "yesterday")), "receivedAt");
        assertValidationError(police.send(PoliceAlerts.domesticViolence()
                .with("receivedAt", Instant.now().plusSeconds(3600).toString())), "receivedAt");
        assertValidationError(police.send(PoliceAlerts.domesticViolence().with("callerPhone", "12345")), "callerPhone");
        assertValidationError(police.send(PoliceAlerts.domesticViolence().with("alertId", "x".repeat(65))), "alertId");
        assertValidationError(police.send(PoliceAlerts.domesticViolence().with("alertId", 42)), "alertId");
        assertValidationError(police.send(PoliceAlerts.domesticViolence().with("summary", "长".repeat(2001))), "summary");
    }

    @Test
    void an_unknown_village_is_400_with_a_clear_reason() {
        JsonNode p = assertValidationError(
                police.send(PoliceAlerts.domesticViolence().with("villageCode", "411202999999")), "villageCode");
        assertThat(p.toString()).contains("unknown village");

        assertValidationError(police.send(PoliceAlerts.domesticViolence().with("villageCode", "411202201200001")),
                "villageCode"); // a grid, not a village
        assertValidationError(police.send(PoliceAlerts.domesticViolence().with("villageCode", "411202201")),
                "villageCode"); // a township
    }

    @Test
    void a_village_outside_the_area_of_this_110_platform_is_400_with_a_clear_reason() {
        String shanzhou = jdbc.queryForObject("SELECT MIN(code) FROM region WHERE level = 'VILLAGE' "
                + "AND code LIKE '411203%'", String.class);
        PoliceAlerts alert = PoliceAlerts.domesticViolence().with("villageCode", shanzhou);

        JsonNode p = assertValidationError(police.send(alert), "villageCode");

        assertThat(p.toString()).contains("outside the area", "411202");
        assertThat(casesOf(alert.alertId())).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'POLICE_ALERT_REJECTED' "
                + "AND result = 'FAILURE' AND detail LIKE ?", Long.class, "%outside the area%")).isPositive();
    }

    @Test
    void the_openapi_document_shows_the_endpoint_without_a_bearer_requirement() {
        JsonNode post = api.anonymous().get("/v3/api-docs").json().get("paths").get(PoliceClient.PATH).get("post");

        assertThat(post.get("security")).as("no bearer token").isEmpty();
        assertThat(post.get("parameters").valueStream().map(p -> p.get("name").asString()))
                .containsExactlyInAnyOrder("X-Sanling-Timestamp", "X-Sanling-Signature");
        assertThat(post.get("requestBody").toString()).contains("PoliceAlert");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private JsonNode caseAs(String user, long id) {
        ApiResponse r = api.as(user).get("/api/v1/disputes/" + id);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    private long casesOf(String alertId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM dispute d WHERE d.source = 'POLICE_110' "
                + "AND d.description LIKE ?", Long.class, "%警情编号：" + alertId);
    }

    private long refusalsAudited() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'POLICE_ALERT_UNAUTHORIZED' "
                + "AND result = 'FAILURE'", Long.class);
    }

}
