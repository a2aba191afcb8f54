package cn.sanling.dispute;

import java.time.Instant;

/**
 * Validated filters of GET /api/v1/disputes. {@code sortColumn} comes only from {@link Sort}'s whitelist.
 * {@code q} is matched as text in title/description and case number, and as an exact party name, ID number or
 * phone through the keyed hash ({@code qHash}).
 */
record CaseFilter(CaseStatus status, CaseLevel level, String categoryCode, String regionCode, RiskLevel riskLevel,
        Boolean overdue, Boolean supervised, CaseSource source, String qLike, String qHash, String q, Instant from, Instant to,
        int offset, int size, String sortColumn, boolean descending) {

    /**
     * The sortable fields of the case list and their columns; nothing else ever reaches ORDER BY. Cases without a
     * deadline (ended ones) sort after those with one, ascending or descending.
     */
    enum Sort {
        reportedAt("d.reported_at"), dueAt("d.due_at IS NULL, d.due_at"), caseNo("d.case_no"),
        updatedAt("d.updated_at"),
        riskLevel("CASE d.risk_level WHEN 'RED' THEN 3 WHEN 'ORANGE' THEN 2 WHEN 'YELLOW' THEN 1 ELSE 0 END");

        final String column;

        Sort(String column) {
            this.column = column;
        }
    }
}
