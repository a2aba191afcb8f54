/**
 * The few truly shared pieces: problem details, paging, PII crypto and masking, the clock.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package cn.sanling.support;
