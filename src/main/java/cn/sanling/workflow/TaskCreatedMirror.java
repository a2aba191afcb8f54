package cn.sanling.workflow;

import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.impl.util.CommandContextUtil;
import org.flowable.task.api.Task;
import org.springframework.stereotype.Component;

import cn.sanling.dispute.SystemActions;

/**
 * Mirrors the open accept/mediate/follow-up task onto the case row (the worklist's read model) as the engine opens
 * it, in the engine's transaction.
 *
 * <p>An engine event rather than the BPMN task listener {@code ${taskMirror}} that process versions before it name:
 * Flowable resolves a listener's expression against the task's variables before Spring's beans, and so read the
 * task's variables from the database (a task being opened has none) for every task of every case: one statement of
 * a report's 31 and of an escalation's ~48 (bench/README.md). The case id is read from the task's execution, which
 * is in the command's entity cache.
 */
@Component
class TaskCreatedMirror {

    TaskCreatedMirror(RuntimeService runtime, SystemActions system) {
        runtime.addEventListener(new Listener(system), FlowableEngineEventType.TASK_CREATED);
    }

    private record Listener(SystemActions system) implements FlowableEventListener {

        @Override
        public void onEvent(FlowableEvent event) {
            if (event instanceof FlowableEntityEvent e && e.getEntity() instanceof Task task
                    && task.getExecutionId() != null) {
                String api = TaskKeys.apiName(task.getTaskDefinitionKey());
                if (api != null) { // not the 督办 response tasks
                    long caseId = ProcessDelegates.caseId(
                            CommandContextUtil.getExecutionEntityManager().findById(task.getExecutionId()));
                    system.taskOpened(caseId, api, task.getId());
                }
            }
        }

        @Override
        public boolean isFailOnException() {
            return true; // the worklist must not miss a task: the command fails instead
        }

        @Override
        public boolean isFireOnTransactionLifecycleEvent() {
            return false;
        }

        @Override
        public String getOnTransaction() {
            return null;
        }
    }
}
