package cn.sanling.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;

import org.apache.ibatis.cursor.Cursor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.account.Actor;
import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.region.Region;
import cn.sanling.report.ReportMapper.LedgerLine;
import cn.sanling.support.Masking;
import cn.sanling.support.PiiCipher;
import cn.sanling.support.ProblemException;

/**
 * The 台账 (ledger) of SPEC §5: the standard register of cases reported in a region and period, parties masked,
 * streamed from a database cursor to the response row by row, so memory stays constant whatever the size.
 */
@Service
public class LedgerService {

    /** The columns of SPEC §5, in order. */
    public static final List<String> COLUMNS = List.of("编号", "受理日期", "类别", "当事人", "纠纷简况", "调解层级", "调解员",
            "结果", "协议形式", "回访", "结案日期", "是否超期");

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(Period.ZONE);
    private static final int SUMMARY_MAX = 200;
    /** Cases per keyset page. */
    static final int PAGE = 1000;

    private final ReportMapper mapper;
    private final StatisticsService statistics;
    private final PiiCipher pii;
    private final AuditLog audit;

    LedgerService(ReportMapper mapper, StatisticsService statistics, PiiCipher pii, AuditLog audit) {
        this.mapper = mapper;
        this.statistics = statistics;
        this.pii = pii;
        this.audit = audit;
    }

    /** A checked export request: what will be written, ready to stream. */
    public record Export(Region region, Period period, LedgerFormat format) {

        /** 台账_湖滨区_20260101-20261231.xlsx */
        public String fileName() {
            return "台账_" + region.name() + "_" + period.firstDay().toString().replace("-", "") + "-"
                    + period.lastDay().toString().replace("-", "") + "." + format.extension();
        }

        /** An ASCII fallback for old clients: ledger-411202-20260101-20261231.xlsx */
        public String asciiFileName() {
            return "ledger-" + region.code() + "-" + period.firstDay().toString().replace("-", "") + "-"
                    + period.lastDay().toString().replace("-", "") + "." + format.extension();
        }
    }

    /**
     * Checks role, region (404 outside scope), period and format, and records the export in the audit log before a
     * byte is written (an export that fails half-way was still attempted).
     */
    public Export prepare(Actor actor, String format, String regionCode, String from, String to) {
        Region region = statistics.region(actor, regionCode);
        LedgerFormat f;
        try {
            f = format == null || format.isBlank() ? LedgerFormat.XLSX : LedgerFormat.valueOf(format.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("format", "xlsx or csv");
        }
        Period p = statistics.period(from, to);
        audit.record(AuditEvent.of(actor.username(), actor.roleName(), "LEDGER_EXPORT").target("LEDGER", region.code())
                .region(region.code()).detail(f.extension() + " " + p.firstDay() + ".." + p.lastDay()));
        return new Export(region, p, f);
    }

    /**
     * Streams the ledger to {@code out}, a page of cases at a time (keyset paging by id, each page read through a
     * cursor); returns the number of cases written. Memory stays constant on any database and export size.
     */
    @Transactional(readOnly = true)
    public long write(Actor actor, Export export, OutputStream out) throws IOException {
        long count = 0;
        try (LedgerFormat.SheetWriter sheet = export.format().open(out, "台账", COLUMNS)) {
            long after = 0;
            while (true) {
                List<Long> ids = mapper.ledgerPage(actor.scope(), export.region().code(), export.period(), after, PAGE);
                if (ids.isEmpty()) {
                    break;
                }
                count += writePage(sheet, actor, export, ids.get(0), ids.get(ids.size() - 1));
                after = ids.get(ids.size() - 1);
                if (ids.size() < PAGE) {
                    break;
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return count;
    }

    private long writePage(LedgerFormat.SheetWriter sheet, Actor actor, Export export, long firstId, long lastId)
            throws IOException {
        long count = 0;
        try (Cursor<LedgerLine> lines = mapper.ledger(actor.scope(), export.region().code(), export.period(), firstId,
                lastId)) {
            LedgerLine current = null;
            List<LedgerLine> parties = new ArrayList<>();
            for (LedgerLine line : lines) {
                if (current != null && current.id != line.id) {
                    sheet.row(row(current, parties(parties)));
                    count++;
                    parties.clear();
                }
                current = line;
                if (line.partyNameEnc != null) {
                    parties.add(line);
                }
            }
            if (current != null) {
                sheet.row(row(current, parties(parties)));
                count++;
            }
        }
        return count;
    }

    /** 张*（申请人）、李**（被申请人）: masked names in party order. */
    private String parties(List<LedgerLine> lines) {
        lines.sort(Comparator.comparing(l -> l.partyId));
        StringJoiner joined = new StringJoiner("、");
        for (LedgerLine l : lines) {
            joined.add(Masking.name(pii.decrypt(l.partyNameEnc)) + "（" + role(l.partyRole) + "）");
        }
        return joined.toString();
    }

    private static List<Object> row(LedgerLine l, String parties) {
        List<Object> cells = new ArrayList<>(COLUMNS.size());
        cells.add(l.caseNo);
        cells.add(day(l.acceptedAt));
        cells.add(l.subCategoryName == null ? l.categoryName : l.categoryName + "/" + l.subCategoryName);
        cells.add(parties);
        cells.add(summary(l));
        cells.add(level(l.level));
        cells.add(l.mediatorName != null ? l.mediatorName : l.mediator);
        cells.add(result(l));
        cells.add(l.agreementType == null ? "" : "WRITTEN".equals(l.agreementType) ? "书面" : "口头");
        cells.add(l.fulfilled == null ? "" : (l.fulfilled ? "已履行" : "未履行") + "，"
                + (Boolean.TRUE.equals(l.satisfied) ? "满意" : "不满意"));
        cells.add(day(closedAt(l)));
        cells.add(l.everOverdue ? "是" : "否");
        return cells;
    }

    private static String summary(LedgerLine l) {
        String s = l.title + "：" + (l.description == null ? "" : l.description);
        return s.length() > SUMMARY_MAX ? s.substring(0, SUMMARY_MAX - 1) + "…" : s;
    }

    private static Instant closedAt(LedgerLine l) {
        if (l.closedAt != null) {
            return l.closedAt;
        }
        // a case ended without an agreement (rejected, referred, withdrawn) is closed when it ended
        return Arrays.asList("REJECTED", "REFERRED", "WITHDRAWN").contains(l.status) ? l.updatedAt : null;
    }

    static String level(String level) {
        return level == null ? "" : switch (level) {
            case "VILLAGE" -> "村级";
            case "TOWNSHIP" -> "乡镇级";
            case "COUNTY" -> "县级";
            default -> level;
        };
    }

    static String status(String status) {
        return status == null ? "" : switch (status) {
            case "PENDING" -> "待受理";
            case "MEDIATING" -> "调解中";
            case "RESOLVED" -> "调解成功";
            case "CLOSED" -> "已结案";
            case "REJECTED" -> "不予受理";
            case "REFERRED" -> "已移送";
            case "WITHDRAWN" -> "已撤回";
            default -> status;
        };
    }

    private static String result(LedgerLine l) {
        if ("REFERRED".equals(l.status) && l.referTo != null) {
            return "移送" + switch (l.referTo) {
                case "LITIGATION" -> "诉讼";
                case "ARBITRATION" -> "仲裁";
                case "ADMINISTRATIVE" -> "行政处理";
                case "PETITION" -> "信访";
                case "POLICE" -> "公安";
                default -> l.referTo;
            };
        }
        return status(l.status);
    }

    private static String role(String role) {
        return role == null ? "" : switch (role) {
            case "APPLICANT" -> "申请人";
            case "RESPONDENT" -> "被申请人";
            default -> "其他";
        };
    }

    private static String day(Instant at) {
        return at == null ? "" : DAY.format(at);
    }
}
