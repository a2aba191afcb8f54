package cn.sanling.audit;

/**
 * What a module asks the audit log to record: who did what to which target, with the status change if any.
 * Build with {@link #of(String, String, String)} and the {@code with*} methods.
 */
public record AuditEvent(String actor, String role, String action, String targetType, String targetId,
        String regionCode, String fromStatus, String toStatus, String result, String detail) {

    public static final String OK = "SUCCESS";
    public static final String FAILED = "FAILURE";

    public static AuditEvent of(String actor, String role, String action) {
        return new AuditEvent(actor, role, action, null, null, null, null, null, OK, null);
    }

    public AuditEvent target(String type, Object id) {
        return new AuditEvent(actor, role, action, type, id == null ? null : id.toString(), regionCode, fromStatus,
                toStatus, result, detail);
    }

    public AuditEvent region(String code) {
        return new AuditEvent(actor, role, action, targetType, targetId, code, fromStatus, toStatus, result, detail);
    }

    public AuditEvent status(Object from, Object to) {
        return new AuditEvent(actor, role, action, targetType, targetId, regionCode,
                from == null ? null : from.toString(), to == null ? null : to.toString(), result, detail);
    }

    public AuditEvent failed() {
        return new AuditEvent(actor, role, action, targetType, targetId, regionCode, fromStatus, toStatus, FAILED, detail);
    }

    public AuditEvent detail(String text) {
        String d = text != null && text.length() > 500 ? text.substring(0, 500) : text;
        return new AuditEvent(actor, role, action, targetType, targetId, regionCode, fromStatus, toStatus, result, d);
    }
}
