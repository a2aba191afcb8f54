package cn.sanling.account;

/** The roles of SPEC §2. */
public enum Role {
    /** 网格员 */
    GRID_WORKER,
    /** 调解员 */
    MEDIATOR,
    /** 综治/政法委督导 */
    SUPERVISOR,
    /** 系统管理员: users, grids, categories, SLA settings; never case contents or party data */
    ADMIN,
    /** 安全审计员: reads and verifies the audit log; changes nothing */
    AUDITOR,
    /** the 110 command platform's machine client */
    POLICE_110;

    public String authority() {
        return "ROLE_" + name();
    }

    /** Roles that work with cases (and so may see them, within scope). */
    public boolean handlesCases() {
        return this == GRID_WORKER || this == MEDIATOR || this == SUPERVISOR;
    }

    /** Roles whose scope is a region node; the others are system-wide. */
    public boolean needsRegion() {
        return handlesCases();
    }
}
