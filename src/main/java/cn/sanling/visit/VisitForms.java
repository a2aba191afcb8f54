package cn.sanling.visit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import cn.sanling.dispute.CaseForms;
import cn.sanling.dispute.CaseForms.ReportForm;
import cn.sanling.region.HouseholdService.HouseholdInput;
import cn.sanling.support.IdempotencyKeys;
import cn.sanling.support.ProblemException;
import cn.sanling.visit.VisitRequests.CampaignRequest;
import cn.sanling.visit.VisitRequests.VisitRequest;

/** The HTML forms of the visit pages, turned into the API's request records so pages and API validate alike. */
final class VisitForms {

    private VisitForms() {
    }

    /** The visit form; with {@code reportDispute} checked, {@code report} is sent as the case to report. */
    public static class VisitForm {
        private String gridCode;
        private String householdId;
        private String address;
        private String visitedAt;
        private String kind = "ROUTINE";
        private String findings;
        private boolean hazard;
        private String categoryCode;
        private String campaignId;
        private boolean reportDispute;
        private ReportForm report = new ReportForm();
        /** The form's own key (a hidden field): sent twice, it logs one visit (and reports one case). */
        private String submissionKey = IdempotencyKeys.fresh();

        public String getSubmissionKey() { return submissionKey; }
        public void setSubmissionKey(String submissionKey) { this.submissionKey = submissionKey; }

        VisitRequest toRequest() {
            Long household = number("householdId", householdId);
            return new VisitRequest(gridCode, household, household == null ? address : null,
                    CaseForms.localTime("visitedAt", visitedAt), kind, findings, hazard,
                    hazard ? categoryCode : null, number("campaignId", campaignId),
                    reportDispute ? report.toRequest(null) : null);
        }

        public String getGridCode() { return gridCode; }
        public void setGridCode(String gridCode) { this.gridCode = gridCode; }
        public String getHouseholdId() { return householdId; }
        public void setHouseholdId(String householdId) { this.householdId = householdId; }
        public String getAddress() { return address; }
        public void setAddress(String address) { this.address = address; }
        public String getVisitedAt() { return visitedAt; }
        public void setVisitedAt(String visitedAt) { this.visitedAt = visitedAt; }
        public String getKind() { return kind; }
        public void setKind(String kind) { this.kind = kind; }
        public String getFindings() { return findings; }
        public void setFindings(String findings) { this.findings = findings; }
        public boolean isHazard() { return hazard; }
        public void setHazard(boolean hazard) { this.hazard = hazard; }
        public String getCategoryCode() { return categoryCode; }
        public void setCategoryCode(String categoryCode) { this.categoryCode = categoryCode; }
        public String getCampaignId() { return campaignId; }
        public void setCampaignId(String campaignId) { this.campaignId = campaignId; }
        public boolean isReportDispute() { return reportDispute; }
        public void setReportDispute(boolean reportDispute) { this.reportDispute = reportDispute; }
        public ReportForm getReport() { return report; }
        public void setReport(ReportForm report) { this.report = report; }
    }

    /** Add or edit a household. */
    public static class HouseholdForm {
        private String gridCode;
        private String address;
        private String headName;
        private String members;
        private List<String> tags = new ArrayList<>();

        HouseholdInput toInput() {
            Long m = number("members", members);
            return new HouseholdInput(gridCode, address, headName, m == null ? null : m.intValue(), tags);
        }

        public String getGridCode() { return gridCode; }
        public void setGridCode(String gridCode) { this.gridCode = gridCode; }
        public String getAddress() { return address; }
        public void setAddress(String address) { this.address = address; }
        public String getHeadName() { return headName; }
        public void setHeadName(String headName) { this.headName = headName; }
        public String getMembers() { return members; }
        public void setMembers(String members) { this.members = members; }
        public List<String> getTags() { return tags; }
        public void setTags(List<String> tags) { this.tags = tags; }
    }

    /** Start a screening campaign. */
    public static class CampaignForm {
        private String name;
        private String regionCode;
        private String startsOn;
        private String endsOn;
        private String categoryCode;
        private String description;

        CampaignRequest toRequest() {
            return new CampaignRequest(name, regionCode, date("startsOn", startsOn), date("endsOn", endsOn),
                    categoryCode == null || categoryCode.isBlank() ? null : categoryCode, description);
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getRegionCode() { return regionCode; }
        public void setRegionCode(String regionCode) { this.regionCode = regionCode; }
        public String getStartsOn() { return startsOn; }
        public void setStartsOn(String startsOn) { this.startsOn = startsOn; }
        public String getEndsOn() { return endsOn; }
        public void setEndsOn(String endsOn) { this.endsOn = endsOn; }
        public String getCategoryCode() { return categoryCode; }
        public void setCategoryCode(String categoryCode) { this.categoryCode = categoryCode; }
        public String getDescription() { return description; }
        public void setDescription(String description) { this.description = description; }
    }

    static Long number(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(field, "not a number");
        }
    }

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "not a date");
        }
    }
}
