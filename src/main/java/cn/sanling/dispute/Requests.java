package cn.sanling.dispute;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Request bodies of the case API. Fields are plain strings where a wrong value should be answered with a field
 * error (400 {@code errors:[{field, message}]}) rather than a parse failure.
 */
public final class Requests {

    private Requests() {
    }

    /** POST /api/v1/disputes */
    public record ReportRequest(String title, String description, String categoryCode, String subCategoryCode,
            String gridCode, String villageCode, String source, Instant occurredAt, List<String> riskFlags,
            Long visitId, List<PartyInput> parties) {
    }

    public record PartyInput(String name, String idNumber, String phone, String role) {
    }

    /**
     * POST /api/v1/disputes/{id}/actions: {@code action} plus the fields that action needs. Beyond SPEC:
     * {@code level} (REASSIGN), {@code agreement} (RESOLVE by the agreement's parts) and {@code signedOn} (RESOLVE
     * and RECORD_SESSION: the day the 协议书 or the 笔录 was signed on paper).
     */
    public record ActionRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"ACCEPT", "REJECT",
                    "RECORD_SESSION", "RESOLVE", "ESCALATE", "REFER", "FOLLOW_UP", "WITHDRAW", "SUPERVISE", "RESPOND",
                    "EXTEND", "REGRADE", "REASSIGN"}) String action,
            String note, Integer expectedVersion, String reason, String attendees,
            @Schema(allowableValues = {"WRITTEN", "ORAL"}) String agreementType, String agreementText,
            @Schema(allowableValues = {"IMMEDIATE", "DEFERRED"}) String fulfilment,
            @Schema(allowableValues = {"LITIGATION", "ARBITRATION", "ADMINISTRATIVE", "PETITION", "POLICE"})
            String referTo,
            Boolean fulfilled, Boolean satisfied, Instant dueAt, Instant until, Boolean partiesConsent,
            @Schema(allowableValues = {"RED", "ORANGE", "YELLOW", "BLUE"}) String riskLevel,
            @Schema(allowableValues = {"VILLAGE", "TOWNSHIP", "COUNTY"}) String level,
            AgreementParts agreement, LocalDate signedOn) {

        /** An action without an agreement's parts or a signing day. */
        public ActionRequest(String action, String note, Integer expectedVersion, String reason, String attendees,
                String agreementType, String agreementText, String fulfilment, String referTo, Boolean fulfilled,
                Boolean satisfied, Instant dueAt, Instant until, Boolean partiesConsent, String riskLevel,
                String level) {
            this(action, note, expectedVersion, reason, attendees, agreementType, agreementText, fulfilment, referTo,
                    fulfilled, satisfied, dueAt, until, partiesConsent, riskLevel, level, null, null);
        }

        /** An action without a target level (every one but REASSIGN). */
        public ActionRequest(String action, String note, Integer expectedVersion, String reason, String attendees,
                String agreementType, String agreementText, String fulfilment, String referTo, Boolean fulfilled,
                Boolean satisfied, Instant dueAt, Instant until, Boolean partiesConsent, String riskLevel) {
            this(action, note, expectedVersion, reason, attendees, agreementType, agreementText, fulfilment, referTo,
                    fulfilled, satisfied, dueAt, until, partiesConsent, riskLevel, null, null, null);
        }
    }

    /**
     * RESOLVE's {@code agreement}: a written agreement by the parts Art. 35 of 人民调解工作若干规定 names.
     * {@code agreementText}, when given beside them, is kept as what else was agreed.
     */
    public record AgreementParts(String facts, String responsibility, String obligations, String performance) {

        public boolean hasText() {
            return present(facts) || present(responsibility) || present(obligations) || present(performance);
        }

        private static boolean present(String s) {
            return s != null && !s.isBlank();
        }
    }
}
