package cn.sanling.demo;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import cn.sanling.account.AccountService;
import cn.sanling.account.AccountService.DemoAccount;
import cn.sanling.account.Role;
import cn.sanling.region.Grid;
import cn.sanling.region.Household;
import cn.sanling.region.Region;
import cn.sanling.region.RegionService;

/**
 * Synthetic grids and households for every 三门峡 village, and the demo accounts. Deterministic (seeded by the
 * village code), so every demo installation looks the same; names are random combinations, no real person's data.
 */
final class DemoOrganisation {

    static final String DEMO_PASSWORD = "Sanling@2026";

    /** The demo accounts of SPEC §9. */
    static final List<DemoAccount> ACCOUNTS = List.of(
            new DemoAccount("gw_jiaokou", "交口村第1网格网格员", Role.GRID_WORKER, "411202201200001"),
            new DemoAccount("gw_fucun", "富村第1网格网格员", Role.GRID_WORKER, "411202201201001"),
            new DemoAccount("med_jiaokou", "交口村调解员", Role.MEDIATOR, "411202201200"),
            new DemoAccount("med_jiaokouxiang", "交口乡调解员", Role.MEDIATOR, "411202201"),
            new DemoAccount("med_hubin", "湖滨区调解员", Role.MEDIATOR, "411202"),
            new DemoAccount("med_daying", "大营镇调解员", Role.MEDIATOR, "411203100"),
            new DemoAccount("sup_hubin", "湖滨区综治中心督导", Role.SUPERVISOR, "411202"),
            new DemoAccount("sup_smx", "三门峡市委政法委督导", Role.SUPERVISOR, "4112"),
            new DemoAccount("admin", "系统管理员", Role.ADMIN, null),
            new DemoAccount("auditor", "安全审计员", Role.AUDITOR, null));

    private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎";
    private static final String GIVEN = "建国秀英桂兰玉珍春华志强文军明海燕红霞丽平金凤国庆永刚德胜淑芬小龙晓东雪梅俊杰子涵欣怡浩然";
    private static final String[] GROUPS = {"一", "二", "三", "四", "五", "六", "七", "八"};
    private static final String[] TAGS = {"KEY_PERSON", "LEFT_BEHIND", "ELDERLY_ALONE"};

    private DemoOrganisation() {
    }

    /** The grids of every 三门峡 village and the demo accounts: what signing in and reporting need. */
    static void load(RegionService regions, AccountService accounts, Clock clock) {
        List<Grid> grids = new ArrayList<>();
        for (Region village : regions.villagesUnder("4112")) {
            int gridCount = gridCount(villageRandom(village));
            for (int g = 1; g <= gridCount; g++) {
                grids.add(new Grid(gridCode(village, g), village.code(), "第" + g + "网格"));
            }
        }
        regions.addGrids(grids);

        accounts.createDemoAccounts(ACCOUNTS, DEMO_PASSWORD);
    }

    /** The demo account of this role whose scope is exactly this region, if there is one. */
    static Optional<String> account(Role role, String region) {
        return ACCOUNTS.stream().filter(a -> a.role() == role && region.equals(a.regionCode()))
                .map(DemoAccount::username).findFirst();
    }

    /** The households of every demo grid (~33k rows, the bulk of the organisation: loaded after start-up). */
    static void loadHouseholds(RegionService regions, Clock clock) {
        Instant now = clock.instant();
        List<Household> households = new ArrayList<>();
        for (Region village : regions.villagesUnder("4112")) {
            // the village's random sequence as the grids drew it: the grid count first, then each grid's households
            Random random = villageRandom(village);
            int gridCount = gridCount(random);
            String shortName = shortName(village.name());
            for (int g = 1; g <= gridCount; g++) {
                String code = gridCode(village, g);
                int count = 10 + random.nextInt(5);
                for (int h = 1; h <= count; h++) {
                    String address = shortName + GROUPS[(g - 1) * 2 + (h % 2)] + "组" + h + "号";
                    String tags = random.nextInt(10) == 0 ? TAGS[random.nextInt(TAGS.length)] : null;
                    households.add(new Household(null, code, address, personName(random), 1 + random.nextInt(6), tags, now));
                }
            }
        }
        regions.addHouseholds(households);
    }

    /** Seeded by the village code, so every demo installation looks the same. */
    private static Random villageRandom(Region village) {
        return new Random(Long.parseLong(village.code()));
    }

    /** A village's first draw: 1-3 grids. */
    private static int gridCount(Random villageRandom) {
        return 1 + villageRandom.nextInt(3);
    }

    private static String gridCode(Region village, int g) {
        return village.code() + String.format("%03d", g);
    }

    /** 交口村村民委员会 → 交口村, 大营村委会 → 大营村, 锦绣社区居民委员会 → 锦绣社区. */
    static String shortName(String official) {
        for (String suffix : new String[] {"村民委员会", "居民委员会", "居委会", "委会"}) {
            if (official.endsWith(suffix) && official.length() > suffix.length()) {
                return official.substring(0, official.length() - suffix.length());
            }
        }
        return official;
    }

    static String personName(Random random) {
        int s = random.nextInt(SURNAMES.length());
        int g = random.nextInt(GIVEN.length() / 2) * 2;
        return SURNAMES.charAt(s) + GIVEN.substring(g, g + (random.nextBoolean() ? 2 : 1));
    }
}
