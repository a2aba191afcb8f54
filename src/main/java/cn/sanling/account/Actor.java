package cn.sanling.account;

import cn.sanling.region.RegionLevel;
import cn.sanling.region.Scope;
import cn.sanling.support.ProblemException;

/** The authenticated user acting on a request: who, in which role, with which data scope. */
public record Actor(long id, String username, String displayName, Role role, String regionCode)
        implements java.io.Serializable {

    /** The system itself (timers, integrations): actor name {@code system}, whole scope. */
    public static final Actor SYSTEM = new Actor(0, "system", "系统", null, null);

    public Scope scope() {
        return regionCode == null ? Scope.all() : Scope.of(regionCode);
    }

    /** The level of the scope node (VILLAGE for a village mediator), or null for system-wide accounts. */
    public RegionLevel level() {
        return RegionLevel.ofCode(regionCode);
    }

    public boolean is(Role r) {
        return role == r;
    }

    /**
     * The handlers (mediators, grid workers), who may reveal a case's parties (SPEC §6) and so read its free text as
     * written; everyone else sees the parties' data masked.
     */
    public boolean revealsParties() {
        return role == Role.MEDIATOR || role == Role.GRID_WORKER;
    }

    /** Refuses (403) anyone but an administrator; {@code doing} ends the sentence "Only administrators …". */
    public void requireAdmin(String doing) {
        if (role != Role.ADMIN) {
            throw ProblemException.forbidden("Only administrators " + doing);
        }
    }

    public String roleName() {
        return role == null ? "SYSTEM" : role.name();
    }
}
