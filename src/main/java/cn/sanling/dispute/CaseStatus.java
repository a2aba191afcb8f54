package cn.sanling.dispute;

/** Status of a case (SPEC §3). */
public enum CaseStatus {
    PENDING, MEDIATING, RESOLVED, CLOSED, REJECTED, REFERRED, WITHDRAWN;

    /** Open = still being worked on (may be supervised). */
    public boolean isOpen() {
        return this == PENDING || this == MEDIATING || this == RESOLVED;
    }
}
