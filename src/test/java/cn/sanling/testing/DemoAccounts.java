package cn.sanling.testing;

import java.util.List;

/** The demo accounts of SPEC §9, as the tests expect to find them. */
public final class DemoAccounts {

    private DemoAccounts() {
    }

    /**
     * @param regionCode null for system-wide roles
     * @param regionName the name of the scope node, null for system-wide roles
     * @param level      the level of the scope node (GRID, VILLAGE, ... ), null for system-wide roles
     */
    public record DemoAccount(String username, String role, String regionCode, String regionName, String level) {
        @Override
        public String toString() {
            return username;
        }
    }

    public static final List<DemoAccount> ALL = List.of(
            new DemoAccount("gw_jiaokou", "GRID_WORKER", "411202201200001", "交口村村民委员会 第1网格", "GRID"),
            new DemoAccount("gw_fucun", "GRID_WORKER", "411202201201001", "富村村民委员会 第1网格", "GRID"),
            new DemoAccount("med_jiaokou", "MEDIATOR", "411202201200", "交口村村民委员会", "VILLAGE"),
            new DemoAccount("med_jiaokouxiang", "MEDIATOR", "411202201", "交口乡", "TOWNSHIP"),
            new DemoAccount("med_hubin", "MEDIATOR", "411202", "湖滨区", "COUNTY"),
            new DemoAccount("med_daying", "MEDIATOR", "411203100", "大营镇", "TOWNSHIP"),
            new DemoAccount("sup_hubin", "SUPERVISOR", "411202", "湖滨区", "COUNTY"),
            new DemoAccount("sup_smx", "SUPERVISOR", "4112", "三门峡市", "CITY"),
            new DemoAccount("admin", "ADMIN", null, null, null),
            new DemoAccount("auditor", "AUDITOR", null, null, null));

    public static List<String> usernames() {
        return ALL.stream().map(DemoAccount::username).toList();
    }
}
