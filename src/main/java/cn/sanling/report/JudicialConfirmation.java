package cn.sanling.report;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A 司法确认 application for a case's agreement and the court's answer (SPEC §3): applied within 30 days of signing;
 * {@code result} is null while pending, then CONFIRMED or REJECTED.
 */
public record JudicialConfirmation(long id, long disputeId, String court, String applicants, LocalDate appliedOn,
        String recordedBy, Instant recordedAt, String result, LocalDate resultOn, String rulingNo, String resultNote,
        String resultBy, int version) {

    /** As someone reads it who may not reveal the parties: the applicants and the note through {@code text}. */
    JudicialConfirmation readAs(java.util.function.UnaryOperator<String> text) {
        return new JudicialConfirmation(id, disputeId, court, text.apply(applicants), appliedOn, recordedBy, recordedAt,
                result, resultOn, rulingNo, text.apply(resultNote), resultBy, version);
    }

    /** Body of POST /api/v1/disputes/{id}/judicial-confirmation. */
    public record Application(String court, String applicants, LocalDate appliedOn) {
    }

    /** Body of POST /api/v1/disputes/{id}/judicial-confirmation/{cid}/result. */
    public record Result(String result, LocalDate resultOn, String rulingNo, String note, Integer expectedVersion) {
    }

    static final class Row {
        Long id;
        long disputeId;
        String regionCode;
        String court;
        String applicants;
        LocalDate appliedOn;
        String recordedBy;
        Instant recordedAt;
    }
}
