package cn.sanling.visit;

/** Kind of visit: 日常走访, 重点人员走访, 专项排查. */
public enum VisitKind {
    ROUTINE, KEY_PERSON, SCREENING
}
