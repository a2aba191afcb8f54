/**
 * Oversight reports for supervisors (SPEC §5): statistics computed by SQL aggregation, the dashboard, the streamed
 * 台账 (ledger) export, the monthly statistics sheet, and case documents (调解协议书 and 卷宗 as PDF, 司法确认 records).
 * Reads the dispute tables as a read model; case access checks go through the dispute module's query service.
 */
package cn.sanling.report;
