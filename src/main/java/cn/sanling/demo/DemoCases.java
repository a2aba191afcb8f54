package cn.sanling.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import cn.sanling.account.Actor;
import cn.sanling.account.Role;
import cn.sanling.dispute.CaseLevel;
import cn.sanling.dispute.DisputeCommandService;
import cn.sanling.dispute.IdNumber;
import cn.sanling.dispute.Requests.ActionRequest;
import cn.sanling.dispute.Requests.PartyInput;
import cn.sanling.dispute.Requests.ReportRequest;
import cn.sanling.region.Region;
import cn.sanling.region.RegionService;

/**
 * Demo cases in every status and level, taken through the real command service (so every open case has its live
 * process and task). A third are in 交口乡 so the demo accounts have work; the rest are spread over 三门峡. The
 * finished ones are then given a history over the year ({@link cn.sanling.dispute.DemoCaseHistory}).
 */
final class DemoCases {

    private record Template(String category, String sub, String title, String description) {
    }

    private static final List<Template> TEMPLATES = List.of(
            new Template("NEIGHBOUR", "NEIGHBOUR_HOMESTEAD", "宅基地边界纠纷", "两户因宅基地界址不清发生争执，一方砌墙占用通道。"),
            new Template("NEIGHBOUR", "NEIGHBOUR_DRAINAGE", "排水沟堵塞引发邻里纠纷", "雨季排水不畅，污水流入邻居院内，双方多次争吵。"),
            new Template("NEIGHBOUR", "NEIGHBOUR_NOISE", "夜间噪音扰邻", "邻居夜间经营加工作坊，噪音影响休息。"),
            new Template("FAMILY", "FAMILY_ELDER_SUPPORT", "赡养老人费用分担纠纷", "兄弟三人对老人赡养费用分担意见不一。"),
            new Template("FAMILY", "FAMILY_MARRIAGE", "夫妻感情不和闹离婚", "夫妻长期分居，因子女抚养和财产分割争执。"),
            new Template("FAMILY", "FAMILY_INHERITANCE", "房产继承纠纷", "老人去世后子女对老宅继承份额产生争议。"),
            new Template("DEBT", "DEBT_WAGE_ARREARS", "务工人员讨薪", "包工头拖欠村民务工工资，村民多次讨要未果。"),
            new Template("DEBT", "DEBT_PRIVATE_LOAN", "民间借贷纠纷", "借款到期未还，出借人上门催讨发生口角。"),
            new Template("PROPERTY", "PROPERTY_FEE", "物业费收缴纠纷", "业主认为物业服务不到位，拒交物业费。"),
            new Template("PROPERTY", "PROPERTY_PARKING", "小区停车位纠纷", "车位被占用，业主之间发生争执。"),
            new Template("EMOTIONAL", "EMOTIONAL_ROMANCE", "恋爱分手财物纠纷", "男女双方分手后对彩礼及共同购置财物返还有争议。"),
            new Template("EPIDEMIC_DISASTER", "DISASTER_COMPENSATION", "灾后补偿分配纠纷", "暴雨受灾后对补偿款分配有异议。"),
            new Template("OTHER", "OTHER_LAND_CONTRACT", "土地承包经营权纠纷", "承包地流转到期后双方对续包条件有分歧。"),
            new Template("OTHER", "OTHER_TRAFFIC_ACCIDENT", "交通事故赔偿纠纷", "农用车与电动车相撞，双方对赔偿金额争执不下。"));

    /** One case in {@value #LATE_EVERY} is left PENDING in 交口乡 to be made late for acceptance. */
    static final int LATE_EVERY = 60;

    private DemoCases() {
    }

    /** The demo cases: all of them, and those left PENDING in 交口乡 to be made overdue. */
    record Loaded(List<Long> all, List<Long> late) {
    }

    /** Reports and advances {@code count} demo cases. */
    static Loaded load(DisputeCommandService commands, RegionService regions, int count) {
        Random random = new Random(2026);
        List<Long> ids = new java.util.ArrayList<>();
        List<Long> late = new java.util.ArrayList<>();
        List<Region> jiaokou = regions.villagesUnder("411202201");
        List<Region> city = regions.villagesUnder("4112");
        for (int i = 0; i < count; i++) {
            Region village = i % 3 == 0 ? jiaokou.get(random.nextInt(jiaokou.size()))
                    : city.get(random.nextInt(city.size()));
            boolean leftLate = i % LATE_EVERY == LATE_EVERY / 2;
            if (i % 9 == 0 || leftLate && late.size() % 2 == 0) {
                village = jiaokou.get(0); // 交口村, where the village-level demo accounts work
            } else if (leftLate) {
                village = jiaokou.get(1 + random.nextInt(jiaokou.size() - 1));
            }
            String grid = village.code() + "001";
            Actor reporter = new Actor(0, grid.equals("411202201200001") ? "gw_jiaokou" : "demo_gw_" + village.code(),
                    "网格员", Role.GRID_WORKER, grid);
            Template t = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
            List<String> flags = random.nextInt(12) == 0 ? List.of("THREAT") : random.nextInt(8) == 0
                    ? List.of("REPEATED") : List.of();
            int partyCount = 2 + (random.nextInt(10) == 0 ? 4 : random.nextInt(2));
            List<PartyInput> parties = new java.util.ArrayList<>();
            for (int p = 0; p < partyCount; p++) {
                parties.add(new PartyInput(DemoOrganisation.personName(random), idNumber(village.code(), random),
                        "13" + (100000000 + random.nextInt(900000000)), p == 0 ? "APPLICANT" : p == 1 ? "RESPONDENT" : "OTHER"));
            }
            long id = commands.report(reporter, new ReportRequest(t.title(), t.description(), t.category(), t.sub(),
                    grid, null, random.nextInt(4) == 0 ? "WALK_IN" : "VISIT", null, flags, null, parties), null);
            if (leftLate) {
                late.add(id);
            } else {
                advance(commands, id, village.code(), flags.contains("THREAT"), reporter, random);
            }
            ids.add(id);
        }
        return new Loaded(ids, late);
    }

    /** Takes a case along one of the lifecycle's paths, chosen at random with realistic weights. */
    private static void advance(DisputeCommandService commands, long id, String village, boolean red, Actor reporter,
            Random random) {
        CaseLevel level = red ? CaseLevel.TOWNSHIP : CaseLevel.VILLAGE;
        int path = random.nextInt(100);
        if (path < 15) {
            return; // PENDING
        }
        if (path < 20) {
            commands.act(mediator(level, village), id, action("REJECT", "不属于人民调解受理范围"));
            return;
        }
        commands.act(mediator(level, village), id, action("ACCEPT", null));
        if (path < 25) {
            commands.act(reporter, id, action("WITHDRAW", "当事人自行和解，申请撤回"));
            return;
        }
        commands.act(mediator(level, village), id, new ActionRequest("RECORD_SESSION", "组织双方当面调解，听取陈述。",
                null, null, "双方当事人、村调解员、网格员", null, null, null, null, null, null, null, null, null, null));
        if (path < 35) {
            return; // MEDIATING
        }
        if (path < 45 && level != CaseLevel.COUNTY) {
            commands.act(mediator(level, village), id, action("ESCALATE", "村级调解未果，提请上级调解"));
            level = level.next();
            if (path < 40) {
                return; // PENDING one level up
            }
            commands.act(mediator(level, village), id, action("ACCEPT", null));
            if (path >= 42 && level != CaseLevel.COUNTY) {
                // the township could not settle it either: the county 综治中心's mediators have work too
                commands.act(mediator(level, village), id, action("ESCALATE", "乡镇调解未果，提请县级调解"));
                level = level.next();
                if (path == 42) {
                    return; // PENDING at the county
                }
                commands.act(mediator(level, village), id, action("ACCEPT", null));
                if (path == 43) {
                    return; // MEDIATING at the county
                }
            }
        }
        if (path < 50) {
            commands.act(mediator(level, village), id, new ActionRequest("REFER", null, null, "涉及诉讼，引导当事人起诉",
                    null, null, null, null, "LITIGATION", null, null, null, null, null, null));
            return;
        }
        if (path < 55) {
            String county = village.substring(0, 6);
            commands.act(new Actor(0, DemoOrganisation.account(Role.SUPERVISOR, county).orElse("demo_sup"), "督导",
                    Role.SUPERVISOR, county), id, action("SUPERVISE", "请加快调处进度"));
            return;
        }
        commands.act(mediator(level, village), id, new ActionRequest("RESOLVE", null, null, null, null, "WRITTEN",
                "双方自愿达成协议：责任方于本月底前赔偿损失并赔礼道歉。", "DEFERRED", null, null, null, null, null, null, null));
        if (path < 70) {
            return; // RESOLVED
        }
        commands.act(reporter, id, new ActionRequest("FOLLOW_UP", "回访确认协议已履行，双方满意。", null, null, null, null,
                null, null, null, true, true, null, null, null, null));
    }

    /**
     * The demo mediator account of the handling region where there is one (med_jiaokou, …), so the 台账 and timelines
     * name it; else a stand-in.
     */
    private static Actor mediator(CaseLevel level, String village) {
        String region = level.handlingRegion(village);
        return new Actor(0, DemoOrganisation.account(Role.MEDIATOR, region)
                .orElse("demo_med_" + level.name().toLowerCase()), "调解员", Role.MEDIATOR, region);
    }

    private static ActionRequest action(String action, String reasonOrNote) {
        return new ActionRequest(action, reasonOrNote, null, reasonOrNote, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** A synthetic but checksum-valid ID number registered in the village's county. */
    private static String idNumber(String village, Random random) {
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 50));
        String first17 = village.substring(0, 6) + String.format("%04d%02d%02d", birth.getYear(), birth.getMonthValue(),
                birth.getDayOfMonth()) + String.format("%03d", random.nextInt(1000));
        return first17 + IdNumber.checkDigit(first17);
    }
}
