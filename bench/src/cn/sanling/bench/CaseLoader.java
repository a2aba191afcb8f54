package cn.sanling.bench;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import cn.sanling.bench.ProcessTemplates.State;
import cn.sanling.dispute.MaskedParties;
import cn.sanling.support.PiiCipher;

/**
 * Synthetic cases over two years in realistic proportions (see README "Data"): ~90% finished (closed, referred,
 * withdrawn, rejected) spread evenly over two years, ~10% open and recent, with their timeline, parties (encrypted),
 * mediation sessions, follow-ups, supervision orders and gap-free case numbers. Open cases get live Flowable state
 * from {@link ProcessTemplates}.
 */
final class CaseLoader {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Duration DAY = Duration.ofDays(1);

    // category -> sub-categories, and shares of all cases
    private static final String[][] CATEGORIES = {
        {"NEIGHBOUR", "NEIGHBOUR_HOMESTEAD", "NEIGHBOUR_PASSAGE", "NEIGHBOUR_NOISE", "NEIGHBOUR_DRAINAGE", "NEIGHBOUR_PETS"},
        {"FAMILY", "FAMILY_MARRIAGE", "FAMILY_ELDER_SUPPORT", "FAMILY_CHILD_SUPPORT", "FAMILY_INHERITANCE", "FAMILY_DOMESTIC_VIOLENCE"},
        {"DEBT", "DEBT_PRIVATE_LOAN", "DEBT_WAGE_ARREARS", "DEBT_CONTRACT_PAYMENT"},
        {"OTHER", "OTHER_LAND_CONTRACT", "OTHER_FOREST_RIGHTS", "OTHER_LAND_EXPROPRIATION", "OTHER_MEDICAL", "OTHER_TRAFFIC_ACCIDENT"},
        {"PROPERTY", "PROPERTY_FEE", "PROPERTY_REPAIR", "PROPERTY_PARKING", "PROPERTY_RENOVATION"},
        {"EMOTIONAL", "EMOTIONAL_ROMANCE", "EMOTIONAL_AFFAIR", "EMOTIONAL_HARASSMENT"},
        {"EPIDEMIC_DISASTER", "EPIDEMIC_PREVENTION", "DISASTER_COMPENSATION", "DISASTER_RELIEF"}};
    private static final double[] CATEGORY_SHARE = {0.28, 0.24, 0.16, 0.13, 0.09, 0.07, 0.03};
    private static final Map<String, String> SUB_NAMES = Map.ofEntries(
        Map.entry("NEIGHBOUR_HOMESTEAD", "宅基地"), Map.entry("NEIGHBOUR_PASSAGE", "相邻通行"), Map.entry("NEIGHBOUR_NOISE", "噪音"),
        Map.entry("NEIGHBOUR_DRAINAGE", "排水"), Map.entry("NEIGHBOUR_PETS", "宠物"), Map.entry("FAMILY_MARRIAGE", "婚姻"),
        Map.entry("FAMILY_ELDER_SUPPORT", "赡养"), Map.entry("FAMILY_CHILD_SUPPORT", "抚养"), Map.entry("FAMILY_INHERITANCE", "继承"),
        Map.entry("FAMILY_DOMESTIC_VIOLENCE", "家庭暴力"), Map.entry("DEBT_PRIVATE_LOAN", "民间借贷"),
        Map.entry("DEBT_WAGE_ARREARS", "劳务欠薪"), Map.entry("DEBT_CONTRACT_PAYMENT", "合同货款"),
        Map.entry("OTHER_LAND_CONTRACT", "土地承包"), Map.entry("OTHER_FOREST_RIGHTS", "山林权属"),
        Map.entry("OTHER_LAND_EXPROPRIATION", "征地拆迁"), Map.entry("OTHER_MEDICAL", "医疗"),
        Map.entry("OTHER_TRAFFIC_ACCIDENT", "交通事故赔偿"), Map.entry("PROPERTY_FEE", "物业费"), Map.entry("PROPERTY_REPAIR", "公共维修"),
        Map.entry("PROPERTY_PARKING", "停车"), Map.entry("PROPERTY_RENOVATION", "装修"), Map.entry("EMOTIONAL_ROMANCE", "恋爱"),
        Map.entry("EMOTIONAL_AFFAIR", "婚外情"), Map.entry("EMOTIONAL_HARASSMENT", "感情骚扰"),
        Map.entry("EPIDEMIC_PREVENTION", "防疫措施"), Map.entry("DISASTER_COMPENSATION", "灾后补偿"), Map.entry("DISASTER_RELIEF", "救灾物资"));
    private static final String[] SOURCES = {"VISIT", "WALK_IN", "HOTLINE", "POLICE_110", "ONLINE"};
    private static final double[] SOURCE_SHARE = {0.55, 0.18, 0.12, 0.09, 0.06};
    private static final String[] RISKS = {"BLUE", "YELLOW", "ORANGE", "RED"};
    private static final double[] RISK_SHARE = {0.62, 0.25, 0.10, 0.03};
    private static final String[] LEVELS = {"VILLAGE", "TOWNSHIP", "COUNTY"};
    private static final double[] LEVEL_SHARE = {0.72, 0.22, 0.06};
    /** Finished cases: CLOSED, REFERRED, WITHDRAWN, REJECTED. */
    private static final String[] ENDS = {"CLOSED", "REFERRED", "WITHDRAWN", "REJECTED"};
    private static final double[] END_SHARE = {0.867, 0.056, 0.044, 0.033};
    /** Open cases by state (see ProcessTemplates.State). */
    private static final State[] OPEN = State.values();
    private static final double[] OPEN_SHARE = {
        0.060, 0.030, 0.010, 0.015, 0.005,                 // pending V/T/C, overdue V/T
        0.280, 0.160, 0.050, 0.012, 0.008, 0.005, 0.030,    // mediating V/T/C, supervised V/T/C, county auto-督办
        0.150, 0.060, 0.020, 0.060, 0.030, 0.015};          // resolved V/T/C, follow-up overdue V/T/C
    static final double OPEN_FRACTION = 0.10;

    private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎";
    private static final String GIVEN = "建国秀英桂兰玉珍春华志强文军明海燕红霞丽平金凤国庆永刚德胜淑芬小龙晓东雪梅俊杰子涵欣怡浩然";

    private record Party(String nameEnc, String nameHash, String idEnc, String idHash, String phoneEnc,
            String phoneHash, String name) {
    }

    private final Province province;
    private final ProcessTemplates templates;
    private final Random random;
    private final double[] villageWeights;
    private final Party[] parties;
    private final Map<String, int[]> counters = new HashMap<>();
    private final Instant now;
    final Map<String, Long> rows = new HashMap<>();
    final Map<String, Long> openByState = new HashMap<>();
    private long nextId;

    private Db.Batch disputes;
    private Db.Batch partyRows;
    private Db.Batch events;
    private Db.Batch sessions;
    private Db.Batch followUps;
    private Db.Batch supervisions;

    CaseLoader(Province province, ProcessTemplates templates, PiiCipher pii, long seed, Instant now) {
        this.province = province;
        this.templates = templates;
        this.random = new Random(seed);
        this.now = now;
        // some villages see many more disputes than others
        villageWeights = new double[province.villages.size()];
        double sum = 0;
        for (int i = 0; i < villageWeights.length; i++) {
            sum += Math.exp(random.nextGaussian() * 0.8);
            villageWeights[i] = sum;
        }
        parties = new Party[4096];
        for (int i = 0; i < parties.length; i++) {
            String name = personName();
            String id = idNumber(province.counties.isEmpty() ? "411202" : province.counties.get(random.nextInt(province.counties.size())));
            String phone = "1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
            parties[i] = new Party(pii.encrypt(name), pii.hash(name), pii.encrypt(id), pii.hash(id), pii.encrypt(phone),
                    pii.hash(phone), name);
        }
    }

    void open(Db db) throws SQLException {
        disputes = db.batch("dispute", "id", "case_no", "title", "description", "category_code", "sub_category_code",
                "county_code", "village_code", "grid_code", "region_code", "source", "occurred_at", "risk_level",
                "risk_flags", "status", "level", "due_at", "overdue", "supervised", "process_instance_id",
                "current_task_id", "current_task", "reported_by", "reported_at", "accepted_at", "resolved_at",
                "closed_at", "updated_at", "agreement_type", "agreement_text", "fulfilment", "refer_to", "refer_reason",
                "version", "mediator", "follow_up_fulfilled", "follow_up_satisfied", "parties_masked");
        partyRows = db.batch("dispute_party", "dispute_id", "role", "name_enc", "name_hash", "id_number_enc",
                "id_number_hash", "phone_enc", "phone_hash");
        events = db.batch("dispute_event", "dispute_id", "at", "actor", "action", "from_status", "to_status", "level",
                "note");
        sessions = db.batch("mediation_session", "dispute_id", "at", "mediator", "level", "note", "attendees");
        followUps = db.batch("follow_up", "dispute_id", "at", "actor", "fulfilled", "satisfied", "note");
        supervisions = db.batch("supervision_order", "dispute_id", "county_code", "created_at", "supervisor", "automatic", "note",
                "due_at", "responded_at", "responder", "response_note");
    }

    void close() throws SQLException {
        for (Db.Batch b : List.of(disputes, partyRows, events, sessions, followUps, supervisions)) {
            b.close();
        }
        rows.merge("dispute", disputes.rows, Long::sum);
        rows.merge("dispute_party", partyRows.rows, Long::sum);
        rows.merge("dispute_event", events.rows, Long::sum);
        rows.merge("mediation_session", sessions.rows, Long::sum);
        rows.merge("follow_up", followUps.rows, Long::sum);
        rows.merge("supervision_order", supervisions.rows, Long::sum);
        templates.finish();
    }

    /** The historical data set: {@code n} cases over two years, ~10% open, in id order = report order. */
    void loadHistory(int n, long firstId) throws SQLException {
        nextId = firstId;
        long[] at = new long[n];
        boolean[] open = new boolean[n];
        long span = Duration.ofDays(730).toSeconds();
        for (int i = 0; i < n; i++) {
            open[i] = random.nextDouble() < OPEN_FRACTION;
            long age = open[i] ? (long) Math.min(-Math.log(1 - random.nextDouble()) * 20 * 86400, 180 * 86400L) + 600
                    : 2 * 86400L + (long) (random.nextDouble() * (span - 2 * 86400L));
            // keep open/finished in the low bit so sorting by time keeps the pairing
            at[i] = ((now.getEpochSecond() - age) << 1) | (open[i] ? 1 : 0);
        }
        Arrays.sort(at);
        for (long packed : at) {
            Instant reported = Instant.ofEpochSecond(packed >> 1);
            if ((packed & 1) == 1) {
                openCase(reported, pick(OPEN, OPEN_SHARE), null);
            } else {
                finishedCase(reported);
            }
        }
    }

    /** {@code n} open cases in one state reported just now, for the timer run; their due time is {@code due}. */
    long[] loadOpen(int n, long firstId, State state, Instant due) throws SQLException {
        nextId = firstId;
        long[] ids = new long[2];
        ids[0] = firstId;
        for (int i = 0; i < n; i++) {
            openCase(now.minus(Duration.ofMinutes(30)), state, due);
        }
        ids[1] = nextId - 1;
        return ids;
    }

    long lastId() {
        return nextId - 1;
    }

    /** Takes up the case numbers the application has given out since (intake runs between loads). */
    void readCounters(Db db) throws SQLException {
        for (String[] row : db.rows("SELECT county_code, case_year, last_value FROM case_counter")) {
            counters.computeIfAbsent(row[0] + "-" + row[1], k -> new int[1])[0] = Integer.parseInt(row[2]);
        }
    }

    void writeCounters(Db db) throws SQLException {
        try (Db.Batch b = db.batchSql("INSERT INTO case_counter (county_code, case_year, last_value) VALUES (?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE last_value = VALUES(last_value)", 3)) {
            for (Map.Entry<String, int[]> e : counters.entrySet()) {
                b.add(e.getKey().substring(0, 6), Integer.parseInt(e.getKey().substring(7)), e.getValue()[0]);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ one case

    private final class Draft {
        long id;
        String caseNo, title, description, category, sub, village, grid, source, risk, flags, status, level;
        Instant reported, accepted, resolved, closed, due, updated;
        boolean overdue, supervised;
        String pid, taskId, task, agreementType, agreementText, fulfilment, referTo, referReason;
        String reporter;
        int version;
        String mediator; // the ledger's 调解员 on the case row (V12): the actor of the last ACCEPT or RESOLVE
        Boolean followUpFulfilled, followUpSatisfied; // the last follow-up's answers (V12)
        String partiesMasked; // the ledger's 当事人, as the application writes it at intake (V18)
    }

    private Draft draft(Instant reported) throws SQLException {
        Draft d = new Draft();
        d.id = nextId++;
        Province.Village v = province.villages.get(pickVillage());
        d.village = v.code();
        d.grid = v.grids()[random.nextInt(v.grids().length)];
        String[] cat = CATEGORIES[pickIndex(CATEGORY_SHARE)];
        d.category = cat[0];
        d.sub = cat[1 + random.nextInt(cat.length - 1)];
        d.source = SOURCES[pickIndex(SOURCE_SHARE)];
        d.risk = RISKS[pickIndex(RISK_SHARE)];
        if (d.sub.equals("FAMILY_DOMESTIC_VIOLENCE") && rank(d.risk) < 2) {
            d.risk = "ORANGE";
        } else if (d.category.equals("EMOTIONAL") && rank(d.risk) < 1) {
            d.risk = "YELLOW";
        }
        d.flags = switch (d.risk) {
            case "RED" -> random.nextBoolean() ? "THREAT" : "WEAPON";
            case "ORANGE" -> d.sub.equals("FAMILY_DOMESTIC_VIOLENCE") ? "DOMESTIC_VIOLENCE" : random.nextInt(3) == 0 ? "GROUP" : null;
            default -> random.nextInt(20) == 0 ? "REPEATED" : null;
        };
        d.reported = reported;
        int year = reported.atZone(ZONE).getYear();
        int seq = ++counters.computeIfAbsent(v.county() + "-" + year, k -> new int[1])[0];
        d.caseNo = String.format("%s-%d-%06d", v.county(), year, seq);
        String subName = SUB_NAMES.get(d.sub);
        Party a = parties[random.nextInt(parties.length)];
        Party b = parties[random.nextInt(parties.length)];
        String place = v.name().replaceAll("(村民委员会|居民委员会|居委会|委会)$", "");
        d.title = subName + "纠纷：" + a.name() + "与" + b.name();
        d.description = place + "村民" + a.name() + "与" + b.name() + "因" + subName + "问题发生纠纷，双方多次协商未果，"
                + "情绪较为激动。网格员入户走访时发现并登记，已初步稳控，建议尽快组织调解，防止矛盾激化。"
                + (random.nextBoolean() ? "当事人表示愿意接受调解。" : "一方当事人要求村委会出面主持公道。");
        d.reporter = Province.gridWorker(d.grid);
        d.updated = reported;
        d.partiesMasked = writeParties(d.id, a, b);
        event(d, reported, d.reporter, "REPORT", null, "PENDING", startLevel(d), "source=" + d.source + ", risk=" + d.risk);
        return d;
    }

    private String startLevel(Draft d) {
        return d.risk.equals("RED") ? "TOWNSHIP" : "VILLAGE";
    }

    private void finishedCase(Instant reported) throws SQLException {
        Draft d = draft(reported);
        String end = ENDS[pickIndex(END_SHARE)];
        String level = LEVELS[pickIndex(LEVEL_SHARE)];
        if (d.risk.equals("RED") && level.equals("VILLAGE")) {
            level = "TOWNSHIP";
        }
        Instant t = reported.plus(hours(1, 20));
        if (end.equals("REJECTED")) {
            d.level = startLevel(d);
            event(d, t, Province.mediator(handling(d.level, d.village)), "REJECT", "PENDING", "REJECTED", d.level, "不属于人民调解受理范围");
            finish(d, "REJECTED", t);
            return;
        }
        t = walkUp(d, t, level, true);
        if (end.equals("WITHDRAWN") || end.equals("REFERRED")) {
            if (end.equals("REFERRED")) {
                d.referTo = new String[] {"LITIGATION", "ARBITRATION", "ADMINISTRATIVE", "PETITION", "POLICE"}[random.nextInt(5)];
                d.referReason = "调解不成，引导当事人依法维权";
            }
            Instant e = t.plus(days(1, 10));
            event(d, e, Province.mediator(handling(d.level, d.village)), end.equals("REFERRED") ? "REFER" : "WITHDRAW",
                    "MEDIATING", end, d.level, end.equals("REFERRED") ? d.referTo + ": " + d.referReason : "当事人自行和解，申请撤回");
            finish(d, end, e);
            return;
        }
        Instant resolved = resolve(d, t);
        Instant closed = resolved.plus(days(3, 15));
        if (closed.isAfter(now)) {
            closed = now.minusSeconds(60);
        }
        followUpRow(d, closed, true);
        d.closed = closed;
        finish(d, "CLOSED", closed);
    }

    private void openCase(Instant reported, State s, Instant fixedDue) throws SQLException {
        Draft d = draft(reported);
        if (d.risk.equals("RED") && s.level().equals("VILLAGE")) {
            s = State.valueOf(s.name().replace("_V", "_T"));
        }
        String level = s.level();
        Instant t = reported.plus(Duration.ofMinutes(30));
        Instant due;
        if (s.status().equals("PENDING")) {
            if (!level.equals(startLevel(d))) {
                t = walkUp(d, t, level, false);
            }
            d.level = level;
            d.status = "PENDING";
            due = s.overdue() ? min(t.plus(DAY), now.minusSeconds(60)) : now.plus(hours(2, 24));
        } else {
            t = walkUp(d, t, level, true);
            d.status = "MEDIATING";
            due = now.plus(hours(2, 24 * slaDays(level)));
            if (random.nextBoolean()) {
                session(d, t.plus(hours(2, 48)));
            }
            if (s == State.M_C_AUTO) {
                supervision(d, t, true);
                due = now.plus(Duration.ofDays(30));
            } else if (s.supervised()) {
                supervision(d, t, false);
            }
            if (s.status().equals("RESOLVED")) {
                Instant r = resolve(d, t);
                due = s.overdue() ? min(r.plus(Duration.ofDays(15)), now.minusSeconds(60)) : now.plus(hours(2, 24 * 15));
            }
        }
        if (fixedDue != null) {
            due = fixedDue;
        }
        d.due = due;
        d.overdue = s.overdue();
        d.supervised = s.supervised();
        ProcessTemplates.Clone c = templates.clone(s, d.id, d.village, d.grid, due);
        d.pid = c.processInstanceId();
        d.taskId = c.taskId();
        d.task = s.task();
        openByState.merge(s.name(), 1L, Long::sum);
        if (d.updated.isAfter(now)) {
            d.updated = now;
        }
        write(d);
    }

    /** Accepts at the start level and escalates up to {@code level}; leaves the case MEDIATING there. */
    private Instant walkUp(Draft d, Instant t, String level, boolean acceptAtTop) throws SQLException {
        String l = startLevel(d);
        while (true) {
            boolean top = l.equals(level);
            if (top && !acceptAtTop) {
                d.level = l;
                return t;
            }
            d.accepted = d.accepted == null ? t : d.accepted;
            event(d, t, Province.mediator(handling(l, d.village)), "ACCEPT", "PENDING", "MEDIATING", l, null);
            if (top || l.equals("COUNTY")) {
                d.level = l;
                d.status = "MEDIATING";
                return t.plus(hours(1, 12));
            }
            t = t.plus(days(1, slaDays(l)));
            session(d, t.minus(Duration.ofHours(6)), l);
            event(d, t, Province.mediator(handling(l, d.village)), "ESCALATE", "MEDIATING", "PENDING", next(l), "调解未果，上报上级");
            l = next(l);
            t = t.plus(hours(1, 20));
        }
    }

    private Instant resolve(Draft d, Instant t) throws SQLException {
        Instant resolved = t.plus(days(0, slaDays(d.level)));
        if (resolved.isAfter(now)) {
            resolved = now.minusSeconds(120);
        }
        session(d, resolved.minus(Duration.ofHours(3)));
        d.agreementType = random.nextInt(10) < 7 ? "WRITTEN" : "ORAL";
        d.agreementText = "经调解，双方自愿达成如下协议：一方于三十日内履行约定义务，另一方不再就此事主张其他权利。";
        d.fulfilment = random.nextBoolean() ? "IMMEDIATE" : "DEFERRED";
        d.resolved = resolved;
        d.status = "RESOLVED";
        event(d, resolved, Province.mediator(handling(d.level, d.village)), "RESOLVE", "MEDIATING", "RESOLVED", d.level,
                d.agreementType + "/" + d.fulfilment);
        d.updated = resolved;
        return resolved;
    }

    private void finish(Draft d, String status, Instant at) throws SQLException {
        d.status = status;
        d.updated = at;
        d.closed = status.equals("CLOSED") ? at : null;
        write(d);
    }

    private void write(Draft d) throws SQLException {
        disputes.add(d.id, d.caseNo, d.title, d.description, d.category, d.sub, d.village.substring(0, 6), d.village,
                d.grid, d.grid, d.source, ts(d.reported.minus(Duration.ofHours(6))), d.risk, d.flags, d.status, d.level,
                ts(d.due), d.overdue, d.supervised, d.pid, d.taskId, d.task, d.reporter, ts(d.reported), ts(d.accepted),
                ts(d.resolved), ts(d.closed), ts(d.updated), d.agreementType, d.agreementText, d.fulfilment, d.referTo,
                d.referReason, d.version, d.mediator, d.followUpFulfilled, d.followUpSatisfied, d.partiesMasked);
    }

    /** Writes the case's parties; returns them as the case row keeps them (V18). */
    private String writeParties(long id, Party a, Party b) throws SQLException {
        List<String[]> written = new ArrayList<>(3);
        written.add(party(id, "APPLICANT", a));
        written.add(party(id, "RESPONDENT", b));
        if (random.nextInt(7) == 0) {
            written.add(party(id, "OTHER", parties[random.nextInt(parties.length)]));
        }
        return MaskedParties.of(written, p -> p[0], p -> p[1]);
    }

    private String[] party(long id, String role, Party p) throws SQLException {
        partyRows.add(id, role, p.nameEnc(), p.nameHash(), p.idEnc(), p.idHash(), p.phoneEnc(), p.phoneHash());
        return new String[] {role, p.name()};
    }

    private void event(Draft d, Instant at, String actor, String action, String from, String to, String level,
            String note) throws SQLException {
        events.add(d.id, ts(at), actor, action, from, to, level, note);
        if (action.equals("ACCEPT") || action.equals("RESOLVE")) {
            d.mediator = actor;
        }
        d.version++;
        if (at.isAfter(d.updated)) {
            d.updated = at;
        }
    }

    private void session(Draft d, Instant at) throws SQLException {
        session(d, at, d.level);
    }

    private void session(Draft d, Instant at, String level) throws SQLException {
        String mediator = Province.mediator(handling(level, d.village));
        sessions.add(d.id, ts(at), mediator, level, "组织双方当事人面对面调解，释法明理，双方各自陈述诉求。", "双方当事人、村两委成员");
        events.add(d.id, ts(at), mediator, "RECORD_SESSION", "MEDIATING", "MEDIATING", level, "调解笔录");
    }

    private void followUpRow(Draft d, Instant at, boolean fulfilled) throws SQLException {
        followUps.add(d.id, ts(at), d.reporter, fulfilled, true, "协议已履行，双方满意");
        d.followUpFulfilled = fulfilled;
        d.followUpSatisfied = true;
        event(d, at, d.reporter, "FOLLOW_UP", "RESOLVED", "CLOSED", d.level, "fulfilled=true, satisfied=true");
    }

    private void supervision(Draft d, Instant at, boolean automatic) throws SQLException {
        String county = d.village.substring(0, 6);
        supervisions.add(d.id, county, ts(at), automatic ? "system" : Province.supervisor(county), automatic,
                automatic ? "县级调解超期，自动督办" : "请加快调处进度，按期反馈", null, null, null, null);
        event(d, at, automatic ? "system" : Province.supervisor(county), "SUPERVISE", "MEDIATING", "MEDIATING", d.level,
                "督办");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static String handling(String level, String village) {
        return switch (level) {
            case "VILLAGE" -> village;
            case "TOWNSHIP" -> village.substring(0, 9);
            default -> village.substring(0, 6);
        };
    }

    private static String next(String level) {
        return level.equals("VILLAGE") ? "TOWNSHIP" : "COUNTY";
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static int slaDays(String level) {
        return switch (level) {
            case "VILLAGE" -> 7;
            case "TOWNSHIP" -> 15;
            default -> 30;
        };
    }

    private static int rank(String risk) {
        return List.of(RISKS).indexOf(risk);
    }

    private Duration hours(int min, int max) {
        return Duration.ofMinutes(min * 60L + random.nextInt(Math.max(1, (max - min) * 60)));
    }

    private Duration days(int min, int max) {
        return Duration.ofHours(min * 24L + random.nextInt(Math.max(1, (max - min) * 24)));
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private int pickVillage() {
        double x = random.nextDouble() * villageWeights[villageWeights.length - 1];
        int i = Arrays.binarySearch(villageWeights, x);
        return i >= 0 ? i : Math.min(-i - 1, villageWeights.length - 1);
    }

    private int pickIndex(double[] shares) {
        double x = random.nextDouble();
        double sum = 0;
        for (int i = 0; i < shares.length; i++) {
            sum += shares[i];
            if (x < sum) {
                return i;
            }
        }
        return shares.length - 1;
    }

    private <T> T pick(T[] values, double[] shares) {
        return values[pickIndex(shares)];
    }

    private String personName() {
        int s = random.nextInt(SURNAMES.length());
        int g = random.nextInt(GIVEN.length() / 2) * 2;
        return SURNAMES.charAt(s) + GIVEN.substring(g, g + (random.nextBoolean() ? 2 : 1));
    }

    /** An 18-digit 居民身份证号码 with a valid GB 11643 check character. */
    String idNumber(String county) {
        int year = 1950 + random.nextInt(55);
        String body = county + String.format("%04d%02d%02d%03d", year, 1 + random.nextInt(12), 1 + random.nextInt(28),
                random.nextInt(1000));
        return body + checkChar(body);
    }

    static char checkChar(String body17) {
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body17.charAt(i) - '0') * w[i];
        }
        return "10X98765432".charAt(sum % 11);
    }
}
