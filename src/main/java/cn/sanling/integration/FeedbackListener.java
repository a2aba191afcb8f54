package cn.sanling.integration;

import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.sanling.account.Actor;
import cn.sanling.dispute.CaseSource;
import cn.sanling.dispute.CaseStatus;
import cn.sanling.dispute.CaseStatusChanged;
import cn.sanling.dispute.DisputeQueryService;
import cn.sanling.dispute.Views.CaseView;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues the 110 feedback {@code {alertId, caseNo, status, at, summary}} when a case taken in from a 110 alert is
 * resolved, closed or referred (SPEC §8). A plain (synchronous) listener: it runs inside the transaction of the status
 * change, so the change and its outbox row commit together or not at all. After the commit the relay is nudged, so
 * the message usually leaves at once rather than at the next poll.
 */
@Component
class FeedbackListener {

    static final Set<CaseStatus> REPORTED = EnumSet.of(CaseStatus.RESOLVED, CaseStatus.CLOSED, CaseStatus.REFERRED);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_REASON = 300;

    private final PoliceAlertMapper alerts;
    private final DisputeQueryService cases;
    private final Outbox outbox;
    private final OutboxRelay relay;

    FeedbackListener(PoliceAlertMapper alerts, DisputeQueryService cases, Outbox outbox, OutboxRelay relay) {
        this.alerts = alerts;
        this.cases = cases;
        this.outbox = outbox;
        this.relay = relay;
    }

    @EventListener
    void on(CaseStatusChanged e) {
        if (e.source() != CaseSource.POLICE_110 || !REPORTED.contains(e.to())) {
            return;
        }
        PoliceAlertMapper.AlertRow alert = alerts.findByCase(e.caseId());
        if (alert == null) {
            return; // a case whose source was set to 110 by hand: there is no alert to answer
        }
        CaseView c = cases.get(Actor.SYSTEM, e.caseId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alertId", alert.alertId());
        body.put("caseNo", e.caseNo());
        body.put("status", e.to().name());
        body.put("at", e.at().truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("summary", summary(e.to(), c));
        outbox.enqueue(Outbox.FEEDBACK_TOPIC, e.caseId(), alert.villageCode(), alert.alertId(), e.caseNo(),
                e.to().name(), JSON.writeValueAsString(body));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wakeUp();
                }
            });
        }
    }

    /** A short account for the 110 platform, in Chinese; agreement texts and party data stay in the case. */
    static String summary(CaseStatus status, CaseView c) {
        return switch (status) {
            case RESOLVED -> "调解成功：" + (c.resolution() == null ? "已达成协议" : agreement(c)) + "，待回访";
            case CLOSED -> "回访确认协议已履行，案件已办结";
            case REFERRED -> "已移交" + (c.referral() == null ? "有关部门" : referTo(c)) + "处理"
                    + (c.referral() == null || c.referral().reason() == null ? "" : "：" + shorten(c.referral().reason()));
            default -> status.name();
        };
    }

    private static String agreement(CaseView c) {
        String type = c.resolution().agreementType() == null ? "达成协议" : switch (c.resolution().agreementType()) {
            case WRITTEN -> "达成书面调解协议";
            case ORAL -> "达成口头调解协议";
        };
        String fulfilment = c.resolution().fulfilment() == null ? "" : switch (c.resolution().fulfilment()) {
            case IMMEDIATE -> "，即时履行";
            case DEFERRED -> "，约定期限履行";
        };
        return type + fulfilment;
    }

    private static String referTo(CaseView c) {
        return c.referral().referTo() == null ? "有关部门" : switch (c.referral().referTo()) {
            case LITIGATION -> "人民法院（诉讼）";
            case ARBITRATION -> "仲裁机构";
            case ADMINISTRATIVE -> "行政机关";
            case PETITION -> "信访部门";
            case POLICE -> "公安机关";
        };
    }

    private static String shorten(String s) {
        return s.codePointCount(0, s.length()) <= MAX_REASON ? s
                : s.substring(0, s.offsetByCodePoints(0, MAX_REASON)) + "…";
    }
}
