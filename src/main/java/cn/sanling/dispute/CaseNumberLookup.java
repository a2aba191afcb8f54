package cn.sanling.dispute;

import org.springframework.stereotype.Component;

import cn.sanling.audit.AuditedCases;

/** Case numbers for the audit log's readers: a number to the case's id (scope is the audit trail's own rule). */
@Component
class CaseNumberLookup implements AuditedCases {

    private final DisputeMapper mapper;

    CaseNumberLookup(DisputeMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Long idOf(String caseNo) {
        return mapper.idByCaseNo(caseNo);
    }
}
