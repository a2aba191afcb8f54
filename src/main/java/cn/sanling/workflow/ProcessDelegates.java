package cn.sanling.workflow;

import java.util.Map;

import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;
import org.flowable.engine.impl.util.ProcessDefinitionUtil;
import org.flowable.engine.delegate.TaskListener;
import org.flowable.task.service.delegate.DelegateTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.sanling.dispute.CaseProcess;
import cn.sanling.dispute.SystemActions;

/**
 * The beans the BPMN names in {@code delegateExpression}s. Each is a thin hand-over to {@link SystemActions}; the
 * work happens in the engine's transaction (the caller's, or the timer job's).
 */
@Configuration(proxyBeanMethods = false)
class ProcessDelegates {

    @Bean
    JavaDelegate riskGradedDelegate(SystemActions system) {
        return execution -> system.riskGraded(caseId(execution));
    }

    @Bean
    JavaDelegate acceptOverdueDelegate(SystemActions system) {
        return execution -> system.acceptOverdue(caseId(execution));
    }

    @Bean
    JavaDelegate followUpOverdueDelegate(SystemActions system) {
        return execution -> system.followUpOverdue(caseId(execution));
    }

    /**
     * Escalates below county level; at county level continues mediation with an automatic 督办 response task, or
     * with a reminder while that 督办 is unanswered (process versions that have the reminder's flow).
     */
    @Bean
    JavaDelegate mediationExpiredDelegate(SystemActions system) {
        return execution -> {
            boolean remindable = ProcessDefinitionUtil.getProcess(execution.getProcessDefinitionId())
                    .getFlowElement(SystemActions.REMINDER_FLOW) != null;
            Map<String, Object> next = system.mediationExpired(caseId(execution), remindable);
            execution.setVariables(next); // no local variables here, so they land on the process instance
        };
    }

    /**
     * The task mirror of process versions deployed before {@link TaskCreatedMirror}, whose user tasks still name it:
     * their tasks are mirrored twice, by this and by {@link TaskCreatedMirror}, with the same values.
     */
    @Bean
    TaskListener taskMirror(SystemActions system) {
        return (DelegateTask task) -> system.taskOpened(
                ((Number) task.getVariable(CaseProcess.CASE_ID)).longValue(),
                TaskKeys.apiName(task.getTaskDefinitionKey()), task.getId());
    }

    /** The case a process execution belongs to (the process variable {@link CaseProcess#CASE_ID}). */
    static long caseId(DelegateExecution execution) {
        return ((Number) execution.getVariable(CaseProcess.CASE_ID)).longValue();
    }
}
