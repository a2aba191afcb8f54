package cn.sanling.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reusable steps of the case API for tests, and the check that cases and the process engine agree. */
final class CaseSteps {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestApi api;

    CaseSteps(TestApi api) {
        this.api = api;
    }

    long report(String user, Reports report) {
        ApiResponse r = api.as(user).post("/api/v1/disputes", report.json());
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** POST /api/v1/disputes with an Idempotency-Key header. */
    ApiResponse reportWithKey(String user, Reports report, String key) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/disputes"))
                    .header("Authorization", "Bearer " + api.login(user)).header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(report.json()))).build();
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new ApiResponse("POST", "/api/v1/disputes", r.statusCode(), r.headers(), r.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode act(String user, long id, Map<String, Object> action) {
        ApiResponse r = api.as(user).post("/api/v1/disputes/" + id + "/actions", action);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    ApiResponse tryAct(String user, long id, Map<String, Object> action) {
        return api.as(user).post("/api/v1/disputes/" + id + "/actions", action);
    }

    JsonNode get(String user, long id) {
        ApiResponse r = api.as(user).get("/api/v1/disputes/" + id);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    List<String> timelineActions(String user, long id) {
        ApiResponse r = api.as(user).get("/api/v1/disputes/" + id + "/timeline");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().valueStream().map(e -> e.get("action").asString()).toList();
    }

    List<Long> worklistCaseIds(String user) {
        ApiResponse r = api.as(user).get("/api/v1/tasks");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().get("items").valueStream().map(e -> e.get("caseId").asLong()).toList();
    }

    /**
     * Cases and Flowable never disagree: an open case has exactly its one open main task (accept, mediate or
     * follow-up, by status) and the case row mirrors it; a finished case has no running process.
     */
    static void assertConsistent(JdbcTemplate jdbc, RuntimeService runtime, TaskService tasks) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT id, status, process_instance_id, current_task, current_task_id FROM dispute");
        for (Map<String, Object> row : rows) {
            String status = value(row, "status");
            String pid = value(row, "process_instance_id");
            String expected = switch (status) {
                case "PENDING" -> "accept";
                case "MEDIATING" -> "mediate";
                case "RESOLVED" -> "followUp";
                default -> null;
            };
            List<Task> open = tasks.createTaskQuery().processInstanceId(pid).list().stream()
                    .filter(t -> !t.getTaskDefinitionKey().startsWith("respond")).toList();
            if (expected == null) {
                assertThat(runtime.createProcessInstanceQuery().processInstanceId(pid).count())
                        .as("finished case %s (%s) has no running process", value(row, "id"), status).isZero();
            } else {
                assertThat(open).as("case %s (%s) has exactly one open main task", value(row, "id"), status).hasSize(1);
                assertThat(open.get(0).getTaskDefinitionKey()).as("task of case %s", value(row, "id")).isEqualTo(expected);
                assertThat(value(row, "current_task_id")).as("mirrored task of case %s", value(row, "id"))
                        .isEqualTo(open.get(0).getId());
            }
        }
    }

    /** The id of a case's process instance. */
    static String processOf(JdbcTemplate jdbc, long caseId) {
        return jdbc.queryForObject("SELECT process_instance_id FROM dispute WHERE id = ?", String.class, caseId);
    }

    private static String value(Map<String, Object> row, String column) {
        Object v = row.get(column); // JdbcTemplate rows are case-insensitive maps
        return v == null ? null : v.toString();
    }
}
