package cn.sanling.visit;

import org.springframework.stereotype.Component;

import cn.sanling.dispute.ReportedVisits;
import cn.sanling.region.Scope;

/** The visits cases are reported from: checked in the reporter's scope, linked once. */
@Component
class VisitLinks implements ReportedVisits {

    private final VisitMapper mapper;

    VisitLinks(VisitMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String refusal(Scope scope, long visitId, String villageCode, String gridCode) {
        VisitRow visit = mapper.find(visitId);
        if (visit == null || !scope.covers(visit.gridCode)) {
            return "unknown visit or outside your area";
        }
        if (gridCode != null ? !gridCode.equals(visit.gridCode) : !visit.gridCode.startsWith(villageCode)) {
            return "the visit was in grid " + visit.gridCode + ", not where this case is reported";
        }
        if (visit.disputeId != null) {
            return "the visit's hazard was already reported as case " + visit.caseNo;
        }
        return null;
    }

    @Override
    public boolean link(long visitId, long caseId, String caseNo) {
        return mapper.linkCase(visitId, caseId, caseNo) == 1;
    }
}
