package cn.sanling.dispute;

/**
 * The actions of SPEC §7, taken through POST /api/v1/disputes/{id}/actions. REASSIGN (改派) is the supervisor's
 * "reassign" of SPEC §2: an open case goes, PENDING, to the mediators of another level.
 */
public enum CaseAction {
    ACCEPT, REJECT, RECORD_SESSION, RESOLVE, ESCALATE, REFER, FOLLOW_UP, WITHDRAW, SUPERVISE, RESPOND, EXTEND, REGRADE,
    REASSIGN
}
