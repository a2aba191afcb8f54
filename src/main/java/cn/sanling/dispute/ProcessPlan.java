package cn.sanling.dispute;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the process variables for the next step of a case: who may take the task (candidate groups) and when its
 * timer fires. Groups are {@code MEDIATOR:<region>} for the mediators of the handling region at a level and
 * {@code GRID_WORKER:<grid or village>} for grid workers.
 */
final class ProcessPlan {

    static final String ACCEPT_GROUPS = "acceptGroups";
    static final String ACCEPT_DUE = "acceptDueAt";
    static final String MEDIATE_GROUPS = "mediateGroups";
    static final String MEDIATE_DUE = "mediateDueAt";
    static final String FOLLOW_UP_GROUPS = "followUpGroups";
    static final String FOLLOW_UP_DUE = "followUpDueAt";
    static final String LEVEL = "level";

    private ProcessPlan() {
    }

    static String mediators(DisputeRow c) {
        return "MEDIATOR:" + c.level.handlingRegion(c.villageCode);
    }

    static String handlers(DisputeRow c) {
        if (c.status == CaseStatus.RESOLVED) {
            return followUpGroups(c);
        }
        return mediators(c);
    }

    static String followUpGroups(DisputeRow c) {
        String groups = mediators(c) + ",GRID_WORKER:" + c.villageCode;
        return c.gridCode == null ? groups : groups + ",GRID_WORKER:" + c.gridCode;
    }

    static Map<String, Object> accept(DisputeRow c, Instant dueAt) {
        Map<String, Object> v = new HashMap<>();
        v.put(ACCEPT_GROUPS, mediators(c));
        v.put(ACCEPT_DUE, Date.from(dueAt));
        v.put(LEVEL, c.level.name());
        return v;
    }

    static Map<String, Object> mediate(DisputeRow c, Instant dueAt) {
        Map<String, Object> v = new HashMap<>();
        v.put(MEDIATE_GROUPS, mediators(c));
        v.put(MEDIATE_DUE, Date.from(dueAt));
        v.put(LEVEL, c.level.name());
        return v;
    }

    static Map<String, Object> followUp(DisputeRow c, Instant dueAt) {
        Map<String, Object> v = new HashMap<>();
        v.put(FOLLOW_UP_GROUPS, followUpGroups(c));
        v.put(FOLLOW_UP_DUE, Date.from(dueAt));
        return v;
    }
}
