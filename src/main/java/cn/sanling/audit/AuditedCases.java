package cn.sanling.audit;

/**
 * Cases as the audit log's readers name them: by their number (编号), which is what a supervisor or auditor has in
 * hand, while an entry names its case by id. Implemented by the dispute module, so the audit module does not reach
 * into cases.
 */
public interface AuditedCases {

    /** The id of the case with this number; null when there is none. */
    Long idOf(String caseNo);
}
