package cn.sanling.workflow;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.flowable.common.engine.api.FlowableOptimisticLockingException;
import org.flowable.engine.ManagementService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.eventsubscription.api.EventSubscription;
import org.flowable.job.api.Job;
import org.flowable.task.api.Task;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import cn.sanling.dispute.CaseProcess;

/** {@link CaseProcess} on Flowable: the process {@code dispute} of bpmn/dispute.bpmn20.xml. */
@Component
class FlowableCaseProcess implements CaseProcess {

    static final String PROCESS_KEY = "dispute";
    static final String SUPERVISION_MESSAGE = "supervision";
    static final String SUPERVISION_GROUPS = "supervisionGroups";

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ManagementService management;

    FlowableCaseProcess(RuntimeService runtime, TaskService tasks, ManagementService management) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.management = management;
    }

    @Override
    public String start(long caseId, Map<String, Object> variables) {
        return runtime.startProcessInstanceByKey(PROCESS_KEY, Long.toString(caseId), variables).getId();
    }

    @Override
    public void complete(String processInstanceId, String task, String decision, Map<String, Object> variables) {
        String key = TaskKeys.definitionKey(task);
        Task open = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key).singleResult();
        if (open == null) {
            throw new IllegalStateException("No open " + key + " task in process " + processInstanceId);
        }
        Map<String, Object> vars = new HashMap<>(variables);
        vars.put(DECISION, decision);
        try {
            // process-scoped variables, so gateways and the next task's expressions see them
            runtime.setVariables(processInstanceId, vars);
            tasks.complete(open.getId());
        } catch (FlowableOptimisticLockingException e) {
            // a timer fired on the same process at the same moment: the caller retries (409)
            throw new OptimisticLockingFailureException("process " + processInstanceId + " changed concurrently", e);
        }
    }

    @Override
    public void moveMediationDeadline(String processInstanceId, Instant dueAt) {
        moveTimer(processInstanceId, "mediateTimer", "mediateDueAt", dueAt);
    }

    @Override
    public void moveAcceptDeadline(String processInstanceId, Instant dueAt) {
        moveTimer(processInstanceId, "acceptTimer", "acceptDueAt", dueAt);
    }

    @Override
    public void reassign(String processInstanceId, String fromTask, Map<String, Object> acceptVariables) {
        // Flowable's change of activity state: valid for instances of every version of the process, which all have
        // the accept and mediate tasks; the moved-from task and its boundary timer are deleted, the new accept task
        // and its timer are created from the variables set first
        try {
            runtime.createChangeActivityStateBuilder().processInstanceId(processInstanceId)
                    .moveActivityIdTo(TaskKeys.definitionKey(fromTask), TaskKeys.definitionKey("ACCEPT"))
                    .processVariables(acceptVariables).changeState();
        } catch (FlowableOptimisticLockingException e) {
            // a timer fired on the same process at the same moment: the caller retries (409)
            throw new OptimisticLockingFailureException("process " + processInstanceId + " changed concurrently", e);
        }
    }

    /** The timer of a boundary event fires at {@code dueAt} (at once if past) and its variable says so. */
    private void moveTimer(String processInstanceId, String timer, String variable, Instant dueAt) {
        Job job = management.createTimerJobQuery().processInstanceId(processInstanceId).elementId(timer)
                .singleResult();
        if (job == null) {
            throw new IllegalStateException("No " + timer + " in process " + processInstanceId);
        }
        runtime.setVariable(processInstanceId, variable, java.util.Date.from(dueAt));
        management.rescheduleTimeDateJob(job.getId(), dueAt.toString());
    }

    @Override
    public void supervise(String processInstanceId, String candidateGroups) {
        runtime.setVariable(processInstanceId, SUPERVISION_GROUPS, candidateGroups);
        EventSubscription subscription = runtime.createEventSubscriptionQuery().processInstanceId(processInstanceId)
                .eventType("message").eventName(SUPERVISION_MESSAGE).singleResult();
        if (subscription == null) {
            throw new IllegalStateException("Process " + processInstanceId + " cannot take a supervision order");
        }
        runtime.messageEventReceived(SUPERVISION_MESSAGE, subscription.getExecutionId());
    }

    @Override
    public void respond(String processInstanceId) {
        List<Task> open = tasks.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKeyLike("respond%").list();
        open.forEach(t -> tasks.complete(t.getId()));
    }
}
