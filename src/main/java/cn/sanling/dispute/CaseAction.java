package cn.sanling.dispute;

/** The actions of SPEC §7, taken through POST /api/v1/disputes/{id}/actions. */
public enum CaseAction {
    ACCEPT, REJECT, RECORD_SESSION, RESOLVE, ESCALATE, REFER, FOLLOW_UP, WITHDRAW, SUPERVISE, RESPOND, EXTEND, REGRADE
}
