package cn.sanling.support;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindingResult;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The one place that turns failures of the HTTP API into RFC 9457 Problem Details
 * ({@code application/problem+json}), with {@code errors:[{field, message}]} on validation failures.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> problem(ProblemException e, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        body.setType(e.type());
        if (!e.errors().isEmpty()) {
            body.setProperty("errors", toMaps(e.errors()));
        }
        HttpHeaders headers = new HttpHeaders();
        if (e.retryAfterSeconds() != null) {
            headers.set(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
        }
        return handleExceptionInternal(e, body, headers, e.status(), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e, WebRequest request) {
        return problem(ProblemException.badRequest(e.getName(), expected(e.getRequiredType())), request);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> optimisticLock(OptimisticLockingFailureException e, WebRequest request) {
        return problem(ProblemException.conflict("The case was changed by someone else; reload and retry"), request);
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            RecoverableDataAccessException.class, CannotCreateTransactionException.class})
    ResponseEntity<Object> databaseDown(RuntimeException e, WebRequest request) {
        log.warn("Database unavailable: {}", e.getMessage());
        return retryLater("unavailable", "The database is temporarily unavailable; retry shortly", request);
    }

    /**
     * A lock wait that timed out (or a deadlock): the database is up, another transaction held the rows this one
     * needed — e.g. the county's case counter while a long load numbers its cases. Nothing was written.
     */
    @ExceptionHandler(PessimisticLockingFailureException.class)
    ResponseEntity<Object> busy(PessimisticLockingFailureException e, WebRequest request) {
        log.warn("Lock not acquired: {}", e.getMessage());
        return retryLater("busy", "Another change is holding the same records; nothing was saved, retry shortly",
                request);
    }

    private ResponseEntity<Object> retryLater(String type, String detail, WebRequest request) {
        return problem(new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, type, detail, null)
                .retryAfter(Duration.ofSeconds(5)), request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(AccessDeniedException e, WebRequest request) {
        return problem(ProblemException.forbidden("Your role may not do this"), request);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException e, WebRequest request) {
        return problem(new ProblemException(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required", null),
                request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        log.error("Unexpected failure", e);
        return problem(new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                "An unexpected error occurred", null), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(ProblemException.badRequest(fieldErrors(e.getBindingResult())), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ProblemException.FieldError> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err -> errors.add(
                new ProblemException.FieldError(r.getMethodParameter().getParameterName(), err.getDefaultMessage()))));
        return problem(ProblemException.badRequest(errors), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimit.BodyTooLarge) {
                return problem(new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "too-large",
                        "The request body is too large", null), request);
            }
            if (t instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
                // valid JSON, but a field of the wrong type: name the field like any other validation failure
                return problem(ProblemException.badRequest(fieldOf(m.getPath()), expected(m.getTargetType())),
                        request);
            }
        }
        return problem(new ProblemException(HttpStatus.BAD_REQUEST, "malformed",
                "The request body is not valid JSON of the expected shape", null), request);
    }

    /** A JSON path as the field names of validation errors use it: {@code parties[0].idNumber}. */
    private static String fieldOf(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference r : path) {
            if (r.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                field.append('[').append(r.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == TimeBound.class) {
            return TimeBound.EXPECTED;
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "an ISO-8601 time with offset, e.g. 2026-03-01T08:30:00+08:00";
        }
        if (type == LocalDate.class) {
            return "a date, e.g. 2026-03-01";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return type == String.class ? "a text" : "an object";
    }

    /**
     * A download that fails after its first bytes were sent (a 台账 export whose stream breaks, say) cannot answer with
     * a problem any more. Spring would then drop the failure and end the response as if it were whole; passing it on
     * instead lets the container break the connection off (Tomcat closes it at once), so the client sees a broken
     * download, never a file cut short that looks complete.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest web && web.getResponse() != null && web.getResponse().isCommitted()) {
            if (e instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw new IllegalStateException("Failed after the response was committed", e);
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail pd && (pd.getType() == null || "about:blank".equals(pd.getType().toString()))) {
            pd.setType(URI.create(ProblemException.TYPE_BASE + slug(status)));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static String slug(HttpStatusCode status) {
        HttpStatus s = HttpStatus.resolve(status.value());
        return s == null ? String.valueOf(status.value()) : s.name().toLowerCase().replace('_', '-');
    }

    private static List<ProblemException.FieldError> fieldErrors(BindingResult result) {
        List<ProblemException.FieldError> errors = new ArrayList<>();
        result.getFieldErrors().forEach(f -> errors.add(new ProblemException.FieldError(f.getField(), f.getDefaultMessage())));
        result.getGlobalErrors().forEach(g -> errors.add(new ProblemException.FieldError(g.getObjectName(), g.getDefaultMessage())));
        return errors;
    }

    private static List<Map<String, String>> toMaps(List<ProblemException.FieldError> errors) {
        return errors.stream().map(f -> Map.of("field", f.field(), "message", String.valueOf(f.message()))).toList();
    }
}
