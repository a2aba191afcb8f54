package cn.sanling.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Database failures the caller can only retry: 503 with Retry-After, and a type that says which — a lock another
 * transaction held ("busy", CaseCounterLockTest shows the real lock timeout arrives as this exception) or the
 * database gone ("unavailable", DatabaseOutageFaultIT stops a real one).
 */
class ProblemAdviceTest {

    private final ProblemAdvice advice = new ProblemAdvice();
    private final ServletWebRequest request = new ServletWebRequest(
            new MockHttpServletRequest("POST", "/api/v1/disputes"));

    @Test
    void a_lock_wait_that_timed_out_is_503_busy_with_retry_after() {
        ResponseEntity<Object> answer = advice.busy(new CannotAcquireLockException("Lock wait timeout exceeded"),
                request);

        assertRetryLater(answer, "busy");
        assertThat(((ProblemDetail) answer.getBody()).getDetail()).contains("nothing was saved");
    }

    @Test
    void a_database_that_cannot_be_reached_is_503_unavailable() {
        assertRetryLater(advice.databaseDown(new DataAccessResourceFailureException("Connection refused"), request),
                "unavailable");
    }

    private static void assertRetryLater(ResponseEntity<Object> answer, String type) {
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        ProblemDetail body = (ProblemDetail) answer.getBody();
        assertThat(body.getType().toString()).endsWith("/" + type);
    }
}
