package cn.sanling.integration;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.sanling.account.Actor;
import cn.sanling.account.Role;
import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.dispute.CaseSource;
import cn.sanling.dispute.CaseStatus;
import cn.sanling.dispute.DisputeCommandService;
import cn.sanling.dispute.DisputeQueryService;
import cn.sanling.dispute.Requests.PartyInput;
import cn.sanling.dispute.Requests.ReportRequest;
import cn.sanling.region.Region;
import cn.sanling.region.RegionLevel;
import cn.sanling.region.RegionService;
import cn.sanling.support.ProblemException;

/**
 * Turns an authenticated 110 alert into a case, exactly once per {@code alertId}. The whole intake (alert row, case,
 * parties, process start, audit entry) is one transaction that first claims the alert id; a duplicate, even one
 * arriving at the same moment, waits for the first and answers with its case.
 */
@Service
class PoliceAlertIntake {

    private static final Logger log = LoggerFactory.getLogger(PoliceAlertIntake.class);

    /** Who the audit log names for what the 110 platform does. */
    static final String AUDIT_ACTOR = "police110";
    /** The party of an alert whose caller gave no name; masked like any name, it reads 匿**** (not 1*****). */
    static final String ANONYMOUS_CALLER = "匿名报警人";
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** How long a duplicate waits for the first request of the same alert to commit. */
    private static final int DUPLICATE_POLLS = 50;
    private static final long DUPLICATE_POLL_MILLIS = 200;

    private final PoliceAlertMapper alerts;
    private final DisputeCommandService commands;
    private final DisputeQueryService queries;
    private final RegionService regions;
    private final AuditLog audit;
    private final PoliceProperties props;
    private final Clock clock;
    private final TransactionTemplate tx;

    PoliceAlertIntake(PoliceAlertMapper alerts, DisputeCommandService commands, DisputeQueryService queries,
            RegionService regions, AuditLog audit, PoliceProperties props, Clock clock,
            PlatformTransactionManager transactions) {
        this.alerts = alerts;
        this.commands = commands;
        this.queries = queries;
        this.regions = regions;
        this.audit = audit;
        this.props = props;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** The answer to the platform: {@code {caseId, caseNo}}; {@code created} is false for a repeated alert. */
    record Receipt(long caseId, String caseNo, boolean created) {
    }

    /** Audits a request refused before its body was read: no, a stale or a wrong signature (401). */
    void unauthorized(String reason) {
        audit.record(AuditEvent.of(AUDIT_ACTOR, Role.POLICE_110.name(), "POLICE_ALERT_UNAUTHORIZED").failed()
                .detail(reason));
    }

    /** Takes in a signed body: parse, check, open the case once. Failures are 400 Problems, audited. */
    Receipt receive(byte[] body) {
        String hash = sha256(body);
        String alertId = PoliceAlert.alertIdOf(body);
        PoliceAlertMapper.AlertRow existing = alertId == null ? null : alerts.find(alertId);
        if (existing != null) {
            return replay(existing, hash);
        }
        PoliceAlert alert;
        try {
            alert = PoliceAlert.parse(body, clock);
            checkVillage(alert.villageCode());
        } catch (ProblemException e) {
            audit.record(AuditEvent.of(AUDIT_ACTOR, Role.POLICE_110.name(), "POLICE_ALERT_REJECTED").failed()
                    .detail(e.getMessage() + e.errors().stream().map(f -> "; " + f.field() + ": " + f.message())
                            .collect(Collectors.joining())));
            throw e;
        }
        try {
            return tx.execute(status -> open(alert, hash));
        } catch (AlertTaken e) {
            // another request claimed this alert id first: answer with its case once it has committed
            for (int i = 0; i < DUPLICATE_POLLS; i++) {
                existing = alerts.find(alert.alertId());
                if (existing != null) {
                    return replay(existing, hash);
                }
                sleep();
            }
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Alert " + alert.alertId()
                    + " is being taken in by another request; retry shortly", null);
        }
    }

    /** The alert id was claimed by another transaction (committed: duplicate key; still running: lock wait). */
    private static final class AlertTaken extends RuntimeException {
        AlertTaken(Throwable cause) {
            super(cause);
        }
    }

    private Receipt open(PoliceAlert a, String hash) {
        Instant now = clock.instant();
        try {
            alerts.claim(a.alertId(), a.type(), a.villageCode(), a.receivedAt(), now, hash);
        } catch (DuplicateKeyException | ConcurrencyFailureException e) {
            // only here does a lock timeout mean "a duplicate": later ones are the database's trouble (503, retry)
            throw new AlertTaken(e);
        }
        long caseId = commands.report(Actor.SYSTEM, reportOf(a), null);
        String caseNo = queries.get(Actor.SYSTEM, caseId).caseNo();
        alerts.bindCase(a.alertId(), caseId, caseNo);
        audit.record(AuditEvent.of(AUDIT_ACTOR, Role.POLICE_110.name(), "POLICE_ALERT_RECEIVED")
                .target("DISPUTE", caseId).region(a.villageCode()).status(null, CaseStatus.PENDING)
                .detail("alert " + a.alertId() + " (" + a.type() + ") -> " + caseNo));
        log.info("110 alert {} ({}) opened case {}", a.alertId(), a.type(), caseNo);
        return new Receipt(caseId, caseNo, true);
    }

    private Receipt replay(PoliceAlertMapper.AlertRow row, String hash) {
        boolean same = row.payloadSha256().equals(hash);
        if (!same) {
            // SPEC §8: the same alertId answers with the first case, whatever the body; worth knowing, though
            log.warn("110 alert {} was sent again with a different body; answering with case {}", row.alertId(),
                    row.caseNo());
        }
        audit.record(AuditEvent.of(AUDIT_ACTOR, Role.POLICE_110.name(), "POLICE_ALERT_REPEATED")
                .target("DISPUTE", row.disputeId()).region(row.villageCode())
                .detail("alert " + row.alertId() + " -> " + row.caseNo() + (same ? "" : " (different body)")));
        return new Receipt(row.disputeId(), row.caseNo(), false);
    }

    /** The village must exist and lie in the area this 110 platform serves. */
    private void checkVillage(String code) {
        Region village = regions.find(code).filter(r -> r.level() == RegionLevel.VILLAGE).orElse(null);
        if (village == null) {
            throw ProblemException.badRequest("villageCode", "unknown village: no village (村/社区) has code " + code);
        }
        if (props.regionCode() != null && !code.startsWith(props.regionCode())) {
            throw ProblemException.badRequest("villageCode", "village " + code + " (" + village.name() + ") is outside "
                    + "the area this 110 link serves (" + props.regionCode() + ")");
        }
    }

    static ReportRequest reportOf(PoliceAlert a) {
        String description = a.summary() + "\n地点：" + a.address() + "\n110 接警时间："
                + LOCAL_TIME.format(a.receivedAt().atZone(ZONE)) + "\n警情编号：" + a.alertId();
        PartyInput caller = new PartyInput(a.callerName() == null ? ANONYMOUS_CALLER : a.callerName(), null,
                a.callerPhone(), "APPLICANT");
        return new ReportRequest("110 警情：" + a.type().label, description, a.type().categoryCode,
                a.type().subCategoryCode, null, a.villageCode(), CaseSource.POLICE_110.name(), a.receivedAt(),
                a.type().riskFlags, null, List.of(caller));
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(DUPLICATE_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
