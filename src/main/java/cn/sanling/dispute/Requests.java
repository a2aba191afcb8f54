package cn.sanling.dispute;

import java.time.Instant;
import java.util.List;

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

    /** POST /api/v1/disputes/{id}/actions: {@code action} plus the fields that action needs. */
    public record ActionRequest(String action, String note, Integer expectedVersion, String reason, String attendees,
            String agreementType, String agreementText, String fulfilment, String referTo, Boolean fulfilled,
            Boolean satisfied, Instant dueAt, Instant until, Boolean partiesConsent, String riskLevel, String level) {

        /** An action without a target level (every one but REASSIGN). */
        public ActionRequest(String action, String note, Integer expectedVersion, String reason, String attendees,
                String agreementType, String agreementText, String fulfilment, String referTo, Boolean fulfilled,
                Boolean satisfied, Instant dueAt, Instant until, Boolean partiesConsent, String riskLevel) {
            this(action, note, expectedVersion, reason, attendees, agreementType, agreementText, fulfilment, referTo,
                    fulfilled, satisfied, dueAt, until, partiesConsent, riskLevel, null);
        }
    }
}
