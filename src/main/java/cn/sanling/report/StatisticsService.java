package cn.sanling.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.account.Actor;
import cn.sanling.account.Role;
import cn.sanling.category.Category;
import cn.sanling.category.CategoryService;
import cn.sanling.dispute.CaseLevel;
import cn.sanling.dispute.CaseSource;
import cn.sanling.dispute.CaseStatus;
import cn.sanling.dispute.DisputeQueryService;
import cn.sanling.dispute.FinishedCaseCounts;
import cn.sanling.dispute.FinishedCount;
import cn.sanling.region.Region;
import cn.sanling.region.RegionLevel;
import cn.sanling.region.RegionService;
import cn.sanling.report.ReportMapper.AttentionCase;
import cn.sanling.report.ReportMapper.ChildTotals;
import cn.sanling.report.ReportMapper.BreakdownRow;
import cn.sanling.report.ReportMapper.MonthCount;
import cn.sanling.report.ReportMapper.SheetCell;
import cn.sanling.report.ReportMapper.SupervisionLine;
import cn.sanling.report.ReportMapper.SupervisionTotals;
import cn.sanling.report.Statistics.Cell;
import cn.sanling.report.Statistics.ChildRow;
import cn.sanling.report.Statistics.Column;
import cn.sanling.report.Statistics.MonthlySheet;
import cn.sanling.report.Statistics.SheetRow;
import cn.sanling.report.Statistics.Summary;
import cn.sanling.report.Statistics.Supervision;
import cn.sanling.support.ProblemException;

/** Case statistics for supervisors, aggregated by the database (SPEC §5, §7). */
@Service
public class StatisticsService {

    /** The attention and 督办 lists show at most this many. */
    static final int LIST_LIMIT = 100;
    private static final Set<String> RESOLVED = Set.of(CaseStatus.RESOLVED.name(), CaseStatus.CLOSED.name());
    private static final Set<String> OPEN = Set.of(CaseStatus.PENDING.name(), CaseStatus.MEDIATING.name());
    /** Cases that can still change (the summary counts them from the cases), and those that cannot (V13). */
    private static final List<String> UNFINISHED = Arrays.stream(CaseStatus.values())
            .filter(st -> !FinishedCaseCounts.FINISHED.contains(st)).map(Enum::name).toList();
    private static final List<String> FINISHED = FinishedCaseCounts.FINISHED.stream().map(Enum::name).toList();

    private final ReportMapper mapper;
    private final RegionService regions;
    private final CategoryService categories;
    private final Clock clock;
    private final DisputeQueryService disputes;

    StatisticsService(ReportMapper mapper, RegionService regions, CategoryService categories, Clock clock,
            DisputeQueryService disputes) {
        this.mapper = mapper;
        this.regions = regions;
        this.categories = categories;
        this.clock = clock;
        this.disputes = disputes;
    }

    /** The region asked for (the actor's own scope node by default), 404 unless inside the actor's scope. */
    Region region(Actor actor, String regionCode) {
        requireSupervisor(actor);
        String code = regionCode == null || regionCode.isBlank() ? actor.regionCode() : regionCode.strip();
        return regions.requireCovered(code, actor.scope());
    }

    /** The region as the report queries match it: a city or the province by the list of its counties. */
    Area area(Region region) {
        boolean aboveCounty = region.level() == RegionLevel.CITY || region.level() == RegionLevel.PROVINCE;
        return new Area(region.code(), aboveCounty ? regions.countyCodesUnder(region.code()) : null);
    }

    Period period(String from, String to) {
        return Period.parse(from, to, clock);
    }

    /**
     * The summary of a region and period. For a county or above, the finished cases of the period's whole months
     * come from the finished-case counts (V13, a few thousand rows for a city's year) and only the open cases and
     * the finished cases of partial months (and of months before a long period's newest {@link Period#MAX_MONTHS})
     * are counted from the cases; below a county everything is counted from the cases. Both give the same figures
     * (FinishedCaseCountsTest).
     */
    @Transactional(readOnly = true)
    public Summary summary(Actor actor, String regionCode, String from, String to) {
        return summary(actor, regionCode, from, to, false);
    }

    /** The summary, with {@code fromCasesOnly} counted from the cases alone (what the counts must agree with). */
    @Transactional(readOnly = true)
    Summary summary(Actor actor, String regionCode, String from, String to, boolean fromCasesOnly) {
        Region region = region(actor, regionCode);
        Period p = period(from, to);
        Area r = area(region);
        List<Period.Month> months = p.months();
        Tally t = new Tally(months);
        // the month of each case is a CASE over the months' ranges, tried in order: newest first matches the open
        // cases (and the current month) at once (~20% of the open cases' scan at 1M)
        List<Period.Month> newestFirst = new ArrayList<>(months);
        Collections.reverse(newestFirst);
        FromCounts counts = fromCasesOnly ? null : fromCounts(region, r, p);
        if (counts != null) {
            mapper.finishedCounts(actor.scope(), counts.counties(), counts.whole()).forEach(t::add);
            mapper.breakdown(actor.scope(), r, p, newestFirst, UNFINISHED, null).forEach(t::add);
            if (counts.partial()) {
                mapper.breakdown(actor.scope(), r, p, newestFirst, FINISHED, counts.counted()).forEach(t::add);
            }
        } else {
            mapper.breakdown(actor.scope(), r, p, newestFirst, null, null).forEach(t::add);
        }
        SupervisionTotals s = mapper.supervision(actor.scope(), r, p, clock.instant());
        Supervision supervision = new Supervision(s.orders(), s.automatic(), s.answered(),
                s.orders() - s.answered() - s.endedUnanswered(), s.lateAnswers(), s.openPastDue(),
                round(hours(s.avgResponseSeconds()), 2), round(hours(s.maxResponseSeconds()), 2), s.endedUnanswered());
        return t.summary(region, p, supervision);
    }

    /**
     * What a region's figures for a period take from the finished-case counts (V13): the finished cases of the
     * period's whole months ({@code counted}), of these counties. The rest (the open cases, and when
     * {@link #partial} the finished ones reported outside {@code counted}) is counted from the cases.
     */
    private record FromCounts(List<String> counties, List<Period.Month> whole, Period period, Period counted) {

        boolean partial() {
            return !counted.equals(period);
        }
    }

    /** Null when the region is below a county (the counts are per county) or the period has no whole month. */
    private FromCounts fromCounts(Region region, Area area, Period p) {
        if (region.level().digits() > RegionLevel.COUNTY.digits()) {
            return null;
        }
        List<Period.Month> whole = wholeMonths(p, p.months(), clock.instant());
        if (whole.isEmpty()) {
            return null;
        }
        return new FromCounts(area.counties() != null ? area.counties() : List.of(region.code()), whole, p,
                new Period(whole.get(0).start(), whole.get(whole.size() - 1).end()));
    }

    /**
     * The months of the period whose cases it covers whole (none if the listed months stop short of its end). A
     * month cut short by the period's end counts as whole when that end is still in the future: a case is stamped with
     * the time it is reported (DisputeCommandService), so no case lies between the end and the month's end yet. That
     * is the dashboards' usual period ("up to today"), whose current month then comes from the counts instead of a
     * scan. {@link #CLOCK_MARGIN} allows for the clocks of several servers differing a little.
     */
    static List<Period.Month> wholeMonths(Period p, List<Period.Month> months, Instant now) {
        if (months.isEmpty() || months.get(months.size() - 1).end().isBefore(p.to())) {
            return List.of();
        }
        Instant nothingReportedFrom = now.plus(CLOCK_MARGIN);
        return months.stream().filter(m -> {
            YearMonth ym = YearMonth.parse(m.key());
            return m.start().equals(ym.atDay(1).atStartOfDay(Period.ZONE).toInstant())
                    && (m.end().equals(ym.plusMonths(1).atDay(1).atStartOfDay(Period.ZONE).toInstant())
                            || !m.end().isBefore(nothingReportedFrom));
        }).toList();
    }

    /** How far ahead of this server's clock another server's may be when it stamps a case. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);

    /** The summary's counts, added up from breakdown groups and finished-case counts. */
    private final class Tally {
        final Map<String, Long> byStatus = zeros(enumNames(CaseStatus.values()));
        final Map<String, Long> byLevel = zeros(enumNames(CaseLevel.values()));
        final Map<String, Long> byCategory = zeros(categories.tree().stream().map(Category::code).toList());
        final Map<String, Long> bySource = zeros(enumNames(CaseSource.values()));
        final Map<String, Long> byMonth;
        long total, accepted, resolved, resolvedOnTime, open, overdue, everOverdue, supervised;
        long resolveSeconds, resolveCount;

        Tally(List<Period.Month> months) {
            byMonth = zeros(months.stream().map(Period.Month::key).toList());
        }

        void add(BreakdownRow c) {
            addStatus(c.status(), c.reportMonth(), c.total(), c.accepted(), c.resolvedOnTime(), c.overdue(),
                    c.everOverdue(), c.supervised(), c.resolveSeconds(), c.resolveCount());
            byLevel.merge(c.level(), c.total(), Long::sum);
            byCategory.merge(c.category(), c.total(), Long::sum);
            bySource.merge(c.source(), c.total(), Long::sum);
        }

        void add(MonthCount c) {
            switch (c.dimension()) {
                case FinishedCount.STATUS -> addStatus(c.dimValue(), c.reportMonth(), c.cases(), c.accepted(),
                        c.resolvedOnTime(), c.overdue(), c.everOverdue(), c.supervised(), c.resolveSeconds(),
                        c.resolveCount());
                case FinishedCount.LEVEL -> byLevel.merge(c.dimValue(), c.cases(), Long::sum);
                case FinishedCount.CATEGORY -> byCategory.merge(c.dimValue(), c.cases(), Long::sum);
                case FinishedCount.SOURCE -> bySource.merge(c.dimValue(), c.cases(), Long::sum);
                default -> throw new IllegalStateException("unknown dimension " + c.dimension());
            }
        }

        private void addStatus(String status, String month, long cases, long accepted, long resolvedOnTime,
                long overdue, long everOverdue, long supervised, long resolveSeconds, long resolveCount) {
            total += cases;
            this.accepted += accepted;
            if (RESOLVED.contains(status)) {
                resolved += cases;
            } else if (OPEN.contains(status)) {
                open += cases;
            }
            this.resolvedOnTime += resolvedOnTime;
            this.overdue += overdue;
            this.everOverdue += everOverdue;
            this.supervised += supervised;
            this.resolveSeconds += resolveSeconds;
            this.resolveCount += resolveCount;
            byStatus.merge(status, cases, Long::sum);
            if (month != null) {
                byMonth.merge(month, cases, Long::sum);
            }
        }

        Summary summary(Region region, Period p, Supervision supervision) {
            double avgDays = resolveCount == 0 ? 0.0 : round((double) resolveSeconds / resolveCount / 86400.0, 2);
            return new Summary(region.code(), region.name(), p.from(), p.to(), total, accepted, resolved,
                    open, byStatus, byLevel, byCategory, bySource, byMonth, ratio(resolved, accepted),
                    ratio(resolvedOnTime, resolved), overdue, everOverdue, supervised, avgDays,
                    supervision);
        }
    }

    /**
     * One row per child region (grids for a village), with zero rows for children without cases. A village's cases
     * reported for the whole village, in no grid, have a row of their own (the village's code, named
     * {@link #NO_GRID}), so the rows add up to the village.
     */
    @Transactional(readOnly = true)
    public List<ChildRow> children(Actor actor, String regionCode, String from, String to) {
        return children(actor, regionCode, from, to, false);
    }

    /** The rows, with {@code fromCasesOnly} counted from the cases alone (what the counts must agree with). */
    @Transactional(readOnly = true)
    List<ChildRow> children(Actor actor, String regionCode, String from, String to, boolean fromCasesOnly) {
        Region region = region(actor, regionCode);
        Period p = period(from, to);
        List<Region> children = regions.children(region.code(), actor.scope());
        if (children.isEmpty()) {
            return List.of();
        }
        int digits = RegionLevel.ofCode(children.get(0).code()).digits();
        Area area = area(region);
        // a city's counties or the province's cities: their finished cases of whole months from the counts
        FromCounts counts = fromCasesOnly || digits > RegionLevel.COUNTY.digits() ? null
                : fromCounts(region, area, p);
        List<ChildTotals> parts = new ArrayList<>();
        if (counts != null) {
            parts.addAll(mapper.finishedByChild(actor.scope(), counts.counties(), counts.whole(), digits));
            parts.addAll(mapper.byChild(actor.scope(), area, p, digits, UNFINISHED, null));
            if (counts.partial()) {
                parts.addAll(mapper.byChild(actor.scope(), area, p, digits, FINISHED, counts.counted()));
            }
        } else {
            parts.addAll(mapper.byChild(actor.scope(), area, p, digits, null, null));
        }
        Map<String, ChildTotals> totals = parts.stream().map(t -> t.under(digits))
                .collect(Collectors.toMap(ChildTotals::code, Function.identity(), ChildTotals::plus));
        List<ChildRow> rows = new ArrayList<>();
        for (Region c : children) {
            rows.add(childRow(c.code(), c.name(), c.level().name(), totals.get(c.code())));
        }
        ChildTotals noGrid = totals.get(region.code());
        if (noGrid != null) {
            rows.add(childRow(region.code(), NO_GRID, region.level().name(), noGrid));
        }
        return rows;
    }

    /** The name of a village's row for its cases in no grid (data, as region names are). */
    static final String NO_GRID = "未分网格";

    private static ChildRow childRow(String code, String name, String level, ChildTotals t) {
        return t == null ? new ChildRow(code, name, level, 0, 0, 0, 0, 0, 0, 0.0)
                : new ChildRow(code, name, level, t.total(), t.accepted(), t.resolved(), t.open(), t.overdue(),
                        t.supervised(), ratio(t.resolved(), t.accepted()));
    }

    /** The monthly statistics sheet (月报表): per child region and 六防六促 category, resolved / unresolved. */
    @Transactional(readOnly = true)
    public MonthlySheet monthlySheet(Actor actor, String regionCode, String month) {
        Region region = region(actor, regionCode);
        Period p;
        try {
            YearMonth m = month == null || month.isBlank() ? YearMonth.now(clock.withZone(Period.ZONE))
                    : YearMonth.parse(month.strip());
            p = new Period(m.atDay(1).atStartOfDay(Period.ZONE).toInstant(),
                    m.plusMonths(1).atDay(1).atStartOfDay(Period.ZONE).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest("month", "a month like 2026-05");
        }
        List<Region> children = regions.children(region.code(), actor.scope());
        int digits = children.isEmpty() ? region.code().length() : children.get(0).code().length();
        Map<String, String> places = new LinkedHashMap<>(); // the rows: code -> name
        children.forEach(c -> places.put(c.code(), c.name()));
        if (children.isEmpty()) {
            places.put(region.code(), region.name());
        }
        List<Column> columns = categories.tree().stream().map(c -> new Column(c.code(), c.name())).toList();
        Map<String, Map<String, SheetCell>> cells = new LinkedHashMap<>();
        for (SheetCell c : mapper.monthlySheet(actor.scope(), area(region), p, digits)) {
            SheetCell cell = c.under(digits);
            cells.computeIfAbsent(cell.code(), k -> new LinkedHashMap<>())
                    .merge(cell.category(), cell, SheetCell::plus);
        }
        List<SheetRow> rows = new ArrayList<>();
        Map<String, long[]> sums = new LinkedHashMap<>();
        if (!children.isEmpty() && cells.containsKey(region.code())) {
            places.put(region.code(), NO_GRID); // a village's cases in no grid
        }
        for (Map.Entry<String, String> place : places.entrySet()) {
            Map<String, SheetCell> byCat = cells.getOrDefault(place.getKey(), Map.of());
            Map<String, Cell> out = new LinkedHashMap<>();
            long total = 0, resolved = 0, unresolved = 0;
            for (Column col : columns) {
                SheetCell c = byCat.get(col.code());
                Cell cell = c == null ? new Cell(0, 0, 0) : new Cell(c.total(), c.resolved(), c.unresolved());
                out.put(col.code(), cell);
                total += cell.total();
                resolved += cell.resolved();
                unresolved += cell.unresolved();
                long[] s = sums.computeIfAbsent(col.code(), k -> new long[3]);
                s[0] += cell.total();
                s[1] += cell.resolved();
                s[2] += cell.unresolved();
            }
            rows.add(new SheetRow(place.getKey(), place.getValue(), out, total, resolved, unresolved));
        }
        Map<String, Cell> totalCells = new LinkedHashMap<>();
        long t = 0, r = 0, u = 0;
        for (Column col : columns) {
            long[] s = sums.getOrDefault(col.code(), new long[3]);
            totalCells.put(col.code(), new Cell(s[0], s[1], s[2]));
            t += s[0];
            r += s[1];
            u += s[2];
        }
        return new MonthlySheet(region.code(), region.name(), p.from(), p.to(), columns, rows,
                new SheetRow(region.code(), "合计", totalCells, t, r, u));
    }

    /** Open cases in the region that are overdue or supervised, most urgent first (at most 100). */
    @Transactional(readOnly = true)
    public List<AttentionCase> attention(Actor actor, String regionCode) {
        List<AttentionCase> cases = mapper.attention(actor.scope(), area(region(actor, regionCode)), LIST_LIMIT);
        Function<Long, UnaryOperator<String>> text = disputes.textsFor(actor,
                cases.stream().map(AttentionCase::id).toList());
        return cases.stream().map(c -> new AttentionCase(c.id(), c.caseNo(), text.apply(c.id()).apply(c.title()),
                c.villageName(), c.status(), c.level(), c.riskLevel(), c.dueAt(), c.overdue(), c.supervised()))
                .toList();
    }

    /** 督办 orders of the period in the region with their response (at most 100, newest first). */
    @Transactional(readOnly = true)
    public List<SupervisionLine> supervisions(Actor actor, String regionCode, String from, String to) {
        List<SupervisionLine> lines = mapper.supervisions(actor.scope(), area(region(actor, regionCode)),
                period(from, to), LIST_LIMIT);
        Function<Long, UnaryOperator<String>> text = disputes.textsFor(actor,
                lines.stream().map(SupervisionLine::caseId).collect(java.util.stream.Collectors.toSet()));
        return lines.stream().map(s -> {
            UnaryOperator<String> t = text.apply(s.caseId());
            return new SupervisionLine(s.caseId(), s.caseNo(), t.apply(s.title()), s.caseStatus(), s.createdAt(),
                    s.supervisor(), s.automatic(), t.apply(s.note()), s.dueAt(), s.respondedAt(), s.responder(),
                    t.apply(s.responseNote()));
        }).toList();
    }

    static void requireSupervisor(Actor actor) {
        if (!actor.is(Role.SUPERVISOR)) {
            throw ProblemException.forbidden("Only supervisors read statistics and the ledger");
        }
    }

    private static List<String> enumNames(Enum<?>[] values) {
        List<String> names = new ArrayList<>();
        for (Enum<?> v : values) {
            names.add(v.name());
        }
        return names;
    }

    private static Map<String, Long> zeros(List<String> keys) {
        Map<String, Long> m = new LinkedHashMap<>();
        keys.forEach(k -> m.put(k, 0L));
        return m;
    }

    private static double hours(Double seconds) {
        return seconds == null ? 0.0 : seconds / 3600.0;
    }

    static double ratio(long part, long whole) {
        return whole == 0 ? 0.0 : round((double) part / whole, 4);
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
