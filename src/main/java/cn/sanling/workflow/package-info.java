/**
 * Flowable glue: the engine's configuration, the dispute process (bpmn/dispute.bpmn20.xml) and its delegates,
 * SLA properties, and the process diagram. Knows Flowable; calls the dispute module's commands.
 */
package cn.sanling.workflow;
