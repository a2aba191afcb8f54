package cn.sanling.audit;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The audit page's codes in the reader's language: actions ({@code audit.action.*}, a case action by its name under
 * {@code action.*}), roles, statuses, results and target kinds. The codes stay in the log and in the API; a code
 * without a name is shown as it is. Templates call it as {@code @auditWords}.
 */
@Component("auditWords")
public class AuditWords {

    /** The actions the modules record, in the order the page's filter offers them. */
    public static final List<String> ACTIONS = List.of("LOGIN", "LOCKOUT", "USER_CREATE", "USER_UPDATE",
            "USER_PASSWORD_RESET", "USER_PASSWORD_CHANGE", "USER_UNLOCK", "REGION_IMPORT", "REGION_RENAME",
            "GRID_CREATE", "GRID_UPDATE", "CATEGORY_CREATE",
            "CATEGORY_UPDATE", "SLA_UPDATE",
            "DISPUTE_REPORT", "DISPUTE_ACCEPT", "DISPUTE_REJECT", "DISPUTE_RECORD_SESSION", "DISPUTE_RESOLVE",
            "DISPUTE_ESCALATE", "DISPUTE_REFER", "DISPUTE_FOLLOW_UP", "DISPUTE_WITHDRAW", "DISPUTE_SUPERVISE",
            "DISPUTE_RESPOND", "DISPUTE_EXTEND", "DISPUTE_REGRADE", "DISPUTE_REASSIGN", "DISPUTE_ACTION", "DISPUTE_OVERDUE",
            "DISPUTE_TIMEOUT_ESCALATE", "DISPUTE_SUPERVISION_REMINDER", "PARTY_REVEAL", "DOCUMENT_AGREEMENT", "DOCUMENT_DOSSIER",
            "JUDICIAL_CONFIRMATION_APPLY", "JUDICIAL_CONFIRMATION_RESULT", "VISIT_LOG", "HOUSEHOLD_ADD",
            "HOUSEHOLD_UPDATE", "CAMPAIGN_CREATE", "INCIDENT_RECORD", "INCIDENT_VOID", "LEDGER_EXPORT",
            "STATISTICS_RECOUNT", "POLICE_ALERT_RECEIVED", "POLICE_ALERT_REPEATED", "POLICE_ALERT_REJECTED",
            "POLICE_ALERT_UNAUTHORIZED", "POLICE_FEEDBACK_QUEUED", "POLICE_FEEDBACK_FAILED", "POLICE_FEEDBACK_DELIVERED",
            "POLICE_FEEDBACK_DEAD", "OUTBOX_RESEND");

    private final MessageSource messages;

    AuditWords(MessageSource messages) {
        this.messages = messages;
    }

    public List<String> actions() {
        return ACTIONS;
    }

    public String action(String code) {
        String name = named("audit.action.", code);
        if (name == null && code != null && code.startsWith("DISPUTE_")) {
            name = named("action.", code.substring("DISPUTE_".length()));
        }
        return name == null ? code : name;
    }

    public String role(String code) {
        return or(named("role.", code), code);
    }

    public String status(String code) {
        return or(named("status.", code), code);
    }

    public String result(String code) {
        return or(named("audit.result.", code), code);
    }

    public String target(String type) {
        return or(named("audit.targetType.", type), type);
    }

    private String named(String prefix, String code) {
        if (code == null || code.isEmpty()) {
            return null;
        }
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(prefix + code, null, null, locale);
    }

    private static String or(String name, String code) {
        return name == null ? code : name;
    }
}
