package cn.sanling.dispute;

import java.time.Instant;
import java.util.Map;

/**
 * What the dispute module needs from the process engine (implemented by the workflow module). Every method runs
 * in the caller's transaction, so a case change and its task change commit together or not at all.
 */
public interface CaseProcess {

    /** Process variable names shared with bpmn/dispute.bpmn20.xml. */
    String CASE_ID = "caseId";
    String DECISION = "decision";

    /** Starts the process for a new case; returns the process instance id. */
    String start(long caseId, Map<String, Object> variables);

    /**
     * Completes the open user task {@code task} (ACCEPT, MEDIATE, FOLLOW_UP) of the case's process with a decision
     * and the variables of the next step. Throws {@link IllegalStateException} if no such task is open.
     */
    void complete(String processInstanceId, String task, String decision, Map<String, Object> variables);

    /** Moves the due date of the running mediation timer (延期). */
    void moveMediationDeadline(String processInstanceId, Instant dueAt);

    /**
     * Takes the case from its open accept or mediate task ({@code fromTask}: ACCEPT or MEDIATE) to a new accept task
     * with these variables (another level's groups, a new acceptance deadline): the old task and its timer go.
     */
    void reassign(String processInstanceId, String fromTask, Map<String, Object> acceptVariables);

    /** Moves the due date of the running acceptance timer; a past one fires as soon as the timers run. */
    void moveAcceptDeadline(String processInstanceId, Instant dueAt);

    /** Attaches a 督办 to the running process: a response task for the current handlers. */
    void supervise(String processInstanceId, String candidateGroups);

    /** Completes the open 督办 response tasks of the process. */
    void respond(String processInstanceId);
}
