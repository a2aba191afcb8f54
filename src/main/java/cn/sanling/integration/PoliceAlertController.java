package cn.sanling.integration;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import cn.sanling.support.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /api/v1/integrations/police-alerts} (SPEC §8). No bearer token: the security configuration lets
 * /api/v1/integrations/** through and the caller is authenticated here, by the HMAC signature over the raw bytes of
 * the body, read before any JSON parsing. Order of checks: link configured (503), size (413), timestamp and
 * signature (401), then content (400).
 */
@RestController
class PoliceAlertController {

    private static final Logger log = LoggerFactory.getLogger(PoliceAlertController.class);

    private final PoliceAlertIntake intake;
    private final PoliceLink link;
    private final PoliceProperties props;
    private final Clock clock;

    PoliceAlertController(PoliceAlertIntake intake, PoliceLink link, PoliceProperties props, Clock clock) {
        this.intake = intake;
        this.link = link;
        this.props = props;
        this.clock = clock;
    }

    /** The answer: 201 for a new case, 200 with the same body for an alert already taken in. */
    record AlertAccepted(long caseId, String caseNo) {
    }

    @ApiResponse(responseCode = "201", description = "A new case", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true,
            description = "The same alertId again: the same answer, no second case")
    @PostMapping("/api/v1/integrations/police-alerts")
    @Operation(summary = "Take in a 110 alert (警情) as a case, once per alertId",
            description = "No bearer token. X-Sanling-Signature: sha256=<hex HMAC-SHA256(secret, X-Sanling-Timestamp + "
                    + "\".\" + raw body)>, timestamp in epoch seconds within 300 s. 201 {caseId, caseNo}; the same "
                    + "alertId again: 200 with the same body. 400 bad content, 401 signature, 413 over 64 KiB, "
                    + "503 link not configured. See docs/police-110.md.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = "application/json",
                            schema = @Schema(implementation = PoliceAlert.class))))
    @SecurityRequirements
    ResponseEntity<AlertAccepted> receive(@Parameter(hidden = true) HttpServletRequest request,
            @RequestHeader(name = HmacSigner.TIMESTAMP_HEADER, required = false) String timestamp,
            @RequestHeader(name = HmacSigner.SIGNATURE_HEADER, required = false) String signature) throws IOException {
        if (!link.receivesAlerts()) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                    "The 110 link is not configured on this installation", null);
        }
        byte[] body = readLimited(request, (int) props.maxBodySize().toBytes());
        if (!freshTimestamp(timestamp) || !link.signer().verify(timestamp.strip(), body, signature)) {
            String reason = signature == null ? "no signature" : timestamp == null ? "no timestamp"
                    : !freshTimestamp(timestamp) ? "timestamp too far from now" : "wrong signature";
            log.warn("110 alert refused from {}: {}", request.getRemoteAddr(), reason);
            intake.unauthorized(reason);
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "unauthorized",
                    "Missing, stale or invalid request signature (X-Sanling-Timestamp, X-Sanling-Signature)", null);
        }
        PoliceAlertIntake.Receipt r = intake.receive(body);
        return ResponseEntity.status(r.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new AlertAccepted(r.caseId(), r.caseNo()));
    }

    /** Epoch seconds no further than the allowed skew from our clock, in either direction. */
    private boolean freshTimestamp(String timestamp) {
        if (timestamp == null || !timestamp.strip().matches("\\d{1,12}")) {
            return false;
        }
        Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
        return Duration.between(sent, clock.instant()).abs().compareTo(props.maxClockSkew()) <= 0;
    }

    /** The raw body, refusing (413) anything above the limit without reading more than one byte past it. */
    private static byte[] readLimited(HttpServletRequest request, int limit) throws IOException {
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        }
    }

    private static ProblemException tooLarge(int limit) {
        return new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "too-large",
                "The alert body is larger than " + limit + " bytes", null);
    }
}
