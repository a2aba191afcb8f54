package cn.sanling.dispute;

/** Where a case came from: 走访发现, 来访, 12345, 110, online. */
public enum CaseSource {
    VISIT, WALK_IN, HOTLINE, POLICE_110, ONLINE
}
