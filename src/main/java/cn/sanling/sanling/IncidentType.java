package cn.sanling.sanling;

/** What breaks a village's 三零: 上访 (incl. 越级访), 安全事故, 刑事案件. */
public enum IncidentType {
    PETITION, ACCIDENT, CRIMINAL_CASE
}
