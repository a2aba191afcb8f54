package cn.sanling.dispute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import cn.sanling.account.Actor;
import cn.sanling.account.Role;
import cn.sanling.dispute.Views.CaseView;

/**
 * Who may take which action on a case, and from which status (SPEC §7 actions table). The command service answers
 * 403 from {@link #roleMay}; the case page offers exactly the {@link #available} actions as forms.
 */
public final class ActionRules {

    private static final Set<CaseStatus> PENDING = EnumSet.of(CaseStatus.PENDING);
    private static final Set<CaseStatus> MEDIATING = EnumSet.of(CaseStatus.MEDIATING);
    private static final Set<CaseStatus> ACTIVE = EnumSet.of(CaseStatus.PENDING, CaseStatus.MEDIATING);
    private static final Set<CaseStatus> OPEN = EnumSet.of(CaseStatus.PENDING, CaseStatus.MEDIATING, CaseStatus.RESOLVED);

    private ActionRules() {
    }

    /** The statuses an action starts from. */
    public static Set<CaseStatus> from(CaseAction action) {
        return switch (action) {
            case ACCEPT, REJECT -> PENDING;
            case RECORD_SESSION, RESOLVE, ESCALATE, EXTEND -> MEDIATING;
            case REFER, WITHDRAW, REGRADE, REASSIGN -> ACTIVE;
            case FOLLOW_UP -> EnumSet.of(CaseStatus.RESOLVED);
            case SUPERVISE, RESPOND -> OPEN;
        };
    }

    /** The role rule: may this actor ever take this action on a case at this level, reported by, in this status? */
    public static boolean roleMay(Actor actor, CaseAction action, CaseLevel level, String reportedBy, CaseStatus status) {
        boolean mediatorAtLevel = actor.is(Role.MEDIATOR) && actor.level() == level.regionLevel();
        return switch (action) {
            case ACCEPT, REJECT, RECORD_SESSION, RESOLVE, ESCALATE, REFER, EXTEND, REGRADE -> mediatorAtLevel;
            case FOLLOW_UP -> actor.is(Role.GRID_WORKER) || actor.is(Role.MEDIATOR);
            // the reporter: a grid worker, or a mediator who reported it (its level may differ from the case's)
            case WITHDRAW -> mediatorAtLevel || ((actor.is(Role.GRID_WORKER) || actor.is(Role.MEDIATOR))
                    && actor.username().equals(reportedBy));
            case SUPERVISE, REASSIGN -> actor.is(Role.SUPERVISOR);
            case RESPOND -> status == CaseStatus.RESOLVED ? actor.is(Role.GRID_WORKER) || actor.is(Role.MEDIATOR)
                    : mediatorAtLevel;
        };
    }

    /** The levels a supervisor may send this case to: the others whose handling region is in the supervisor's area. */
    public static List<CaseLevel> reassignLevels(Actor actor, CaseView c) {
        return Arrays.stream(CaseLevel.values())
                .filter(l -> l != c.level() && actor.scope().covers(l.handlingRegion(c.villageCode()))).toList();
    }

    /** The actions this actor can take on this case now (role, level, status and the plain guards), in table order. */
    public static List<CaseAction> available(Actor actor, CaseView c) {
        List<CaseAction> actions = new ArrayList<>();
        for (CaseAction a : CaseAction.values()) {
            if (!from(a).contains(c.status()) || !roleMay(actor, a, c.level(), c.reportedBy(), c.status())) {
                continue;
            }
            if ((a == CaseAction.ESCALATE && c.level().next() == null) || (a == CaseAction.RESPOND && !c.supervised())
                    || (a == CaseAction.EXTEND && c.extendedLevels().contains(c.level()))
                    || (a == CaseAction.REASSIGN && reassignLevels(actor, c).isEmpty())) {
                continue;
            }
            actions.add(a);
        }
        return actions;
    }
}
