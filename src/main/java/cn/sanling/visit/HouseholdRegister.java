package cn.sanling.visit;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.account.Actor;
import cn.sanling.account.Role;
import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.region.Household;
import cn.sanling.region.HouseholdService;
import cn.sanling.region.HouseholdService.HouseholdInput;
import cn.sanling.support.ProblemException;

/** Grid workers register and correct the households (住户) of their grids; every change is audited. */
@Service
public class HouseholdRegister {

    private final HouseholdService households;
    private final AuditLog audit;

    HouseholdRegister(HouseholdService households, AuditLog audit) {
        this.households = households;
        this.audit = audit;
    }

    @Transactional
    public Household add(Actor actor, HouseholdInput in) {
        requireGridWorker(actor);
        Household h = households.add(actor.scope(), in);
        audit.record(AuditEvent.of(actor.username(), actor.roleName(), "HOUSEHOLD_ADD").target("HOUSEHOLD", h.id())
                .region(h.gridCode()));
        return h;
    }

    /** Replaces the household's details; null fields of {@code in} keep their current value when {@code partial}. */
    @Transactional
    public Household change(Actor actor, long id, HouseholdInput in, boolean partial) {
        requireGridWorker(actor);
        Household before = households.get(id, actor.scope());
        HouseholdInput merged = partial ? new HouseholdInput(
                in.gridCode() != null ? in.gridCode() : before.gridCode(),
                in.address() != null ? in.address() : before.address(),
                in.headName() != null ? in.headName() : before.headName(),
                in.members() != null ? in.members() : before.members(),
                in.tags() != null ? in.tags() : HouseholdService.tags(before.tags())) : in;
        Household after = households.change(actor.scope(), id, merged);
        audit.record(AuditEvent.of(actor.username(), actor.roleName(), "HOUSEHOLD_UPDATE").target("HOUSEHOLD", id)
                .region(after.gridCode()).detail(before.gridCode().equals(after.gridCode()) ? null
                        : "moved from grid " + before.gridCode()));
        return after;
    }

    private static void requireGridWorker(Actor actor) {
        if (!actor.is(Role.GRID_WORKER)) {
            throw ProblemException.forbidden("Only grid workers register households");
        }
    }
}
