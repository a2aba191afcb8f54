package cn.sanling.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

import cn.sanling.account.Actor;
import cn.sanling.account.Role;
import cn.sanling.region.Region;
import cn.sanling.region.RegionService;
import cn.sanling.sanling.IncidentRequest;
import cn.sanling.sanling.SanlingService;

/**
 * A few demo incidents (上访, 安全事故, 刑事案件) of this year, registered through the real register, so that the 三零
 * board has villages that missed 三零: two in 交口乡 (not 交口村), where the demo accounts work, the rest over the
 * city.
 */
final class DemoIncidents {

    private static final ZoneId COUNTY_TIME = ZoneId.of("Asia/Shanghai");
    private static final Actor REGISTRAR = new Actor(0,
            DemoOrganisation.account(Role.SUPERVISOR, "4112").orElseThrow(), "综治中心", Role.SUPERVISOR, "4112");

    private record Demo(String type, String summary, boolean inJiaokou) {
    }

    private static final List<Demo> INCIDENTS = List.of(
            new Demo("PETITION", "村民因宅基地确权问题到区信访局上访。", true),
            new Demo("ACCIDENT", "村民自建房施工时从脚手架坠落，一人受伤送医。", true),
            new Demo("PETITION", "当事人对土地补偿分配不满，越级到市信访局上访。", false),
            new Demo("ACCIDENT", "农用三轮车在村道侧翻，驾驶人受轻伤。", false),
            new Demo("CRIMINAL_CASE", "邻里因排水问题争吵后互殴，一方轻伤，公安机关立案侦查。", false),
            new Demo("PETITION", "务工人员因工资拖欠集体到县政府上访。", false));

    private DemoIncidents() {
    }

    /** Registers the demo incidents; returns how many. */
    static int load(SanlingService register, RegionService regions, Clock clock) {
        Random random = new Random(2026);
        Instant now = clock.instant();
        Instant yearStart = now.atZone(COUNTY_TIME).toLocalDate().withDayOfYear(1).atStartOfDay(COUNTY_TIME)
                .toInstant();
        long window = Math.max(0, Duration.between(yearStart, now.minus(Duration.ofDays(1))).toSeconds());
        List<Region> jiaokou = regions.villagesUnder("411202201");
        List<Region> city = regions.villagesUnder("4112");
        for (Demo d : INCIDENTS) {
            Region village = d.inJiaokou() ? jiaokou.get(1 + random.nextInt(jiaokou.size() - 1))
                    : city.get(random.nextInt(city.size()));
            // this year, before today; on New Year's Day an hour ago
            Instant occurred = window == 0 ? now.minus(Duration.ofHours(1))
                    : yearStart.plusSeconds((long) (random.nextDouble() * window));
            register.record(REGISTRAR, new IncidentRequest(d.type(), village.code(), occurred, d.summary(), null,
                    false, null));
        }
        return INCIDENTS.size();
    }
}
