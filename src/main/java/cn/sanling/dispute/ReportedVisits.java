package cn.sanling.dispute;

import cn.sanling.region.Scope;

/**
 * The visit (走访) a case is reported from, as the visit module knows it. A report naming a {@code visitId} must name
 * a visit of the reporter's area, in the case's village (and grid, if the report names one), that no case came from
 * yet; the case and the visit are linked in the report's transaction. Implemented by the visit module, so the case
 * does not reach into visits.
 */
public interface ReportedVisits {

    /**
     * Why the visit cannot be where this case comes from, as a field message; {@code null} when it can.
     *
     * @param gridCode the case's grid, or null for a case of the whole village
     */
    String refusal(Scope scope, long visitId, String villageCode, String gridCode);

    /** Links the visit to its case; false when another case took it meanwhile. */
    boolean link(long visitId, long caseId, String caseNo);
}
