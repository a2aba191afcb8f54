package cn.sanling.dispute;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import cn.sanling.dispute.Requests.ActionRequest;
import cn.sanling.dispute.Requests.AgreementParts;
import cn.sanling.dispute.Requests.PartyInput;
import cn.sanling.dispute.Requests.ReportRequest;
import cn.sanling.support.IdempotencyKeys;
import cn.sanling.support.ProblemException;

/**
 * The HTML forms of the case pages, bound from request parameters and turned into the API's request records, so the
 * pages and the API share one validation. Times come from {@code datetime-local} inputs in the county's zone.
 */
public final class CaseForms {

    private CaseForms() {
    }

    /** A {@code datetime-local} value (county time) as an instant; null if blank; 400 on the field if malformed. */
    public static Instant localTime(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(DisputeCommandService.ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "not a date and time");
        }
    }

    /** A {@code date} input's value; null if blank; 400 on the field if malformed. */
    public static LocalDate day(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "a date, e.g. 2026-03-01");
        }
    }

    /** The action form of the case page: {@code action} plus whichever fields that action has. */
    public static class ActionForm {
        private String action;
        private Integer expectedVersion;
        private String note;
        private String reason;
        private String attendees;
        private String agreementType;
        private String agreementText;
        private String facts;
        private String responsibility;
        private String obligations;
        private String performance;
        private String signedOn;
        private String fulfilment;
        private String referTo;
        private Boolean fulfilled;
        private Boolean satisfied;
        private String dueAt;
        private String until;
        private Boolean partiesConsent;
        private String riskLevel;
        private String level;

        /**
         * The API request. For RESOLVE the written agreement's parts (Art. 35 人民调解工作若干规定: facts, each
         * side's responsibility, rights and obligations, how, where and by when it is performed, signing date) are
         * put together into the agreement text.
         */
        public ActionRequest toRequest() {
            AgreementParts parts = "RESOLVE".equals(action)
                    ? new AgreementParts(facts, responsibility, obligations, performance) : null;
            return new ActionRequest(action, note, expectedVersion, reason, attendees, agreementType, agreementText,
                    fulfilment, referTo, fulfilled, satisfied, localTime("dueAt", dueAt), localTime("until", until),
                    partiesConsent != null ? partiesConsent : "EXTEND".equals(action) ? Boolean.FALSE : null, riskLevel,
                    level, parts, day("signedOn", signedOn));
        }

        public String getAction() { return action; }
        public void setAction(String action) { this.action = action; }
        public Integer getExpectedVersion() { return expectedVersion; }
        public void setExpectedVersion(Integer expectedVersion) { this.expectedVersion = expectedVersion; }
        public String getNote() { return note; }
        public void setNote(String note) { this.note = note; }
        public String getReason() { return reason; }
        public void setReason(String reason) { this.reason = reason; }
        public String getAttendees() { return attendees; }
        public void setAttendees(String attendees) { this.attendees = attendees; }
        public String getAgreementType() { return agreementType; }
        public void setAgreementType(String agreementType) { this.agreementType = agreementType; }
        public String getAgreementText() { return agreementText; }
        public void setAgreementText(String agreementText) { this.agreementText = agreementText; }
        public String getFacts() { return facts; }
        public void setFacts(String facts) { this.facts = facts; }
        public String getResponsibility() { return responsibility; }
        public void setResponsibility(String responsibility) { this.responsibility = responsibility; }
        public String getObligations() { return obligations; }
        public void setObligations(String obligations) { this.obligations = obligations; }
        public String getPerformance() { return performance; }
        public void setPerformance(String performance) { this.performance = performance; }
        public String getSignedOn() { return signedOn; }
        public void setSignedOn(String signedOn) { this.signedOn = signedOn; }
        public String getFulfilment() { return fulfilment; }
        public void setFulfilment(String fulfilment) { this.fulfilment = fulfilment; }
        public String getReferTo() { return referTo; }
        public void setReferTo(String referTo) { this.referTo = referTo; }
        public Boolean getFulfilled() { return fulfilled; }
        public void setFulfilled(Boolean fulfilled) { this.fulfilled = fulfilled; }
        public Boolean getSatisfied() { return satisfied; }
        public void setSatisfied(Boolean satisfied) { this.satisfied = satisfied; }
        public String getDueAt() { return dueAt; }
        public void setDueAt(String dueAt) { this.dueAt = dueAt; }
        public String getUntil() { return until; }
        public void setUntil(String until) { this.until = until; }
        public Boolean getPartiesConsent() { return partiesConsent; }
        public void setPartiesConsent(Boolean partiesConsent) { this.partiesConsent = partiesConsent; }
        public String getRiskLevel() { return riskLevel; }
        public void setRiskLevel(String riskLevel) { this.riskLevel = riskLevel; }
        public String getLevel() { return level; }
        public void setLevel(String level) { this.level = level; }
    }

    /** One party row of the report form. */
    public static class PartyForm {
        private String name;
        private String idNumber;
        private String phone;
        private String role;

        boolean isBlank() {
            return blank(name) && blank(idNumber) && blank(phone);
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getIdNumber() { return idNumber; }
        public void setIdNumber(String idNumber) { this.idNumber = idNumber; }
        public String getPhone() { return phone; }
        public void setPhone(String phone) { this.phone = phone; }
        public String getRole() { return role; }
        public void setRole(String role) { this.role = role; }
    }

    /**
     * The report form (上报纠纷), also embedded in the visit form. {@code place} is a grid code (15 digits) or a
     * village code (12 digits); blank party rows are left out.
     */
    public static class ReportForm {
        public static final int MIN_PARTY_ROWS = 2;

        private String title;
        private String description;
        private String categoryCode;
        private String subCategoryCode;
        private String place;
        private String source;
        private String occurredAt;
        private List<String> riskFlags = new ArrayList<>();
        private List<PartyForm> parties = new ArrayList<>();
        /** The form's own key (a hidden field): sent twice, it reports one case. */
        private String submissionKey = IdempotencyKeys.fresh();

        /** Makes sure the form shows at least {@code rows} party rows (and one more on "add a party"). */
        public ReportForm withPartyRows(int rows) {
            while (parties.size() < rows) {
                PartyForm p = new PartyForm();
                p.setRole(parties.isEmpty() ? "APPLICANT" : "RESPONDENT");
                parties.add(p);
            }
            return this;
        }

        public ReportRequest toRequest(Long visitId) {
            String grid = place != null && place.strip().length() == 15 ? place.strip() : null;
            String village = place != null && place.strip().length() == 12 ? place.strip() : null;
            List<PartyInput> ps = parties.stream().filter(p -> !p.isBlank())
                    .map(p -> new PartyInput(p.getName(), p.getIdNumber(), p.getPhone(), p.getRole())).toList();
            return new ReportRequest(title, description, categoryCode, blank(subCategoryCode) ? null : subCategoryCode,
                    grid, village, source, localTime("occurredAt", occurredAt), riskFlags, visitId, ps);
        }

        public String getSubmissionKey() { return submissionKey; }
        public void setSubmissionKey(String submissionKey) { this.submissionKey = submissionKey; }
        public String getTitle() { return title; }
        public void setTitle(String title) { this.title = title; }
        public String getDescription() { return description; }
        public void setDescription(String description) { this.description = description; }
        public String getCategoryCode() { return categoryCode; }
        public void setCategoryCode(String categoryCode) { this.categoryCode = categoryCode; }
        public String getSubCategoryCode() { return subCategoryCode; }
        public void setSubCategoryCode(String subCategoryCode) { this.subCategoryCode = subCategoryCode; }
        public String getPlace() { return place; }
        public void setPlace(String place) { this.place = place; }
        public String getSource() { return source; }
        public void setSource(String source) { this.source = source; }
        public String getOccurredAt() { return occurredAt; }
        public void setOccurredAt(String occurredAt) { this.occurredAt = occurredAt; }
        public List<String> getRiskFlags() { return riskFlags; }
        public void setRiskFlags(List<String> riskFlags) { this.riskFlags = riskFlags; }
        public List<PartyForm> getParties() { return parties; }
        public void setParties(List<PartyForm> parties) { this.parties = parties; }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
