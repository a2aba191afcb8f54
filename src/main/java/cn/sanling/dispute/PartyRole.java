package cn.sanling.dispute;

/** 当事人 role. */
public enum PartyRole {
    APPLICANT, RESPONDENT, OTHER
}
