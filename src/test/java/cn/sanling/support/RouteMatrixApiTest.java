package cn.sanling.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.DemoAccounts;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * Every route of the OpenAPI document (so a new route cannot be forgotten) × anonymous and every demo account:
 * 401 without a token, never a 5xx, and a case outside the caller's scope never shows (404, nothing leaked).
 */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteMatrixApiTest {

    /** Routes that authenticate otherwise than by bearer token (or not at all). */
    private static final Set<String> PUBLIC = Set.of("POST /api/v1/auth/token", "POST /api/v1/integrations/police-alerts");
    /** Demo accounts whose scope does not cover 交口村. */
    private static final Set<String> OUTSIDE = Set.of("gw_fucun", "med_daying");

    @Autowired
    TestApi api;

    String caseId;
    String caseNo;
    String partyId;
    final List<Route> routes = new ArrayList<>();

    record Route(String method, String template) {
        boolean isPublic() {
            return PUBLIC.contains(method + " " + template);
        }

        boolean aboutTheCase() {
            return template.startsWith("/api/v1/disputes/{id}");
        }
    }

    @BeforeAll
    void readTheOpenApiDocumentAndReportOneCase() {
        JsonNode doc = api.anonymous().get("/v3/api-docs").json();
        doc.get("paths").properties().forEach(p -> p.getValue().properties().forEach(m -> {
            if (p.getKey().startsWith("/api/")) {
                routes.add(new Route(m.getKey().toUpperCase(), p.getKey()));
            }
        }));
        assertThat(routes).hasSizeGreaterThan(10);
        JsonNode c = api.as("gw_jiaokou").post("/api/v1/disputes", java.util.Map.of("title", "矩阵测试", "description",
                "路由矩阵", "categoryCode", "NEIGHBOUR", "gridCode", "411202201200001", "source", "VISIT", "parties",
                List.of(java.util.Map.of("name", "赵六", "role", "APPLICANT")))).json();
        caseId = c.get("id").asString();
        caseNo = c.get("caseNo").asString();
        partyId = c.get("parties").get(0).get("id").asString();
    }

    private String url(Route r) {
        return r.template().replace("{id}", caseId).replace("{partyId}", partyId).replace("{code}", "411202201200")
                .replaceAll("\\{[^}]+}", "1");
    }

    private ApiResponse call(TestApi.Caller caller, Route r) {
        boolean hasBody = r.method().equals("POST") || r.method().equals("PUT") || r.method().equals("PATCH");
        return caller.send(r.method(), url(r), hasBody ? "{}" : null, hasBody ? "application/json" : null);
    }

    @Test
    void without_a_token_every_private_route_is_401_problem() {
        SoftAssertions soft = new SoftAssertions();
        for (Route r : routes) {
            ApiResponse res = call(api.anonymous(), r);
            if (r.isPublic()) {
                soft.assertThat(res.status()).as("%s", res).isBetween(400, 499);
            } else {
                soft.assertThat(res.status()).as("%s", res).isEqualTo(401);
                soft.assertThat(res.contentType()).as("%s", res).isEqualTo("application/problem+json");
            }
        }
        soft.assertAll();
    }

    @Test
    void no_route_answers_any_role_with_a_server_error_or_a_leak() {
        SoftAssertions soft = new SoftAssertions();
        for (String user : DemoAccounts.usernames()) {
            TestApi.Caller caller = api.as(user);
            for (Route r : routes) {
                ApiResponse res = call(caller, r);
                soft.assertThat(res.status()).as("%s as %s", res, user).isLessThan(500);
                if (res.status() >= 400) {
                    soft.assertThat(res.contentType()).as("%s as %s", res, user)
                            .isIn("application/problem+json", null);
                }
                if (r.aboutTheCase() && OUTSIDE.contains(user)) {
                    soft.assertThat(res.status()).as("%s as %s", res, user).isEqualTo(404);
                }
                if (r.aboutTheCase() && (user.equals("admin") || user.equals("auditor"))) {
                    soft.assertThat(res.status()).as("%s as %s", res, user).isIn(403, 404);
                }
                // the audit trail names its targets (case numbers) to the auditor, whose job is to read it (SPEC §6)
                boolean auditorReadsTheTrail = user.equals("auditor") && r.template().startsWith("/api/v1/audit");
                if ((OUTSIDE.contains(user) || user.equals("admin") || user.equals("auditor")) && !auditorReadsTheTrail) {
                    soft.assertThat(res.body()).as("%s as %s leaks the case", res, user).doesNotContain(caseNo);
                }
            }
        }
        soft.assertAll();
    }
}
