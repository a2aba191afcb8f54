/**
 * The dispute case (矛盾纠纷): intake, the state machine of SPEC §3 carried by the Flowable process,
 * parties with encrypted PII, the timeline, queries, the worklist and the case API.
 */
package cn.sanling.dispute;
