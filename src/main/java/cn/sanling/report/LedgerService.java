package cn.sanling.report;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.account.Actor;
import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.region.Region;
import cn.sanling.support.Masking;
import cn.sanling.support.PiiCipher;
import cn.sanling.support.ProblemException;

/**
 * The 台账 (ledger) of SPEC §5: the standard register of cases reported in a region and period, parties masked,
 * streamed to the response a page of cases at a time, so memory stays constant whatever the size.
 */
@Service
public class LedgerService {

    /** The columns of SPEC §5, in order. */
    public static final List<String> COLUMNS = List.of("编号", "受理日期", "类别", "当事人", "纠纷简况", "调解层级", "调解员",
            "结果", "协议形式", "回访", "结案日期", "是否超期");

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(Period.ZONE);
    private static final int SUMMARY_MAX = 200;
    /** Rows (case × party) per keyset page: some 1,000 cases. */
    static final int PAGE_ROWS = 2500;
    /** The statement of ReportMapper.xml that reads the rows of a page. */
    private static final String LEDGER_ROWS = ReportMapper.class.getName() + ".ledger";

    private final ReportMapper mapper;
    private final Configuration mybatis;
    private final JdbcTemplate jdbc;
    private final StatisticsService statistics;
    private final PiiCipher pii;
    private final AuditLog audit;

    LedgerService(ReportMapper mapper, SqlSessionFactory sessions, JdbcTemplate jdbc, StatisticsService statistics,
            PiiCipher pii, AuditLog audit) {
        this.mapper = mapper;
        this.mybatis = sessions.getConfiguration();
        this.jdbc = jdbc;
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
     * Streams the ledger to {@code out}, a page of cases at a time (keyset paging by id); returns the number of cases
     * written. Memory stays constant on any database and export size: one page of rows, the category names and a
     * bounded cache of mediators' names.
     */
    @Transactional(readOnly = true)
    public long write(Actor actor, Export export, OutputStream out) throws IOException {
        long count = 0;
        Map<String, Object> params = new HashMap<>();
        params.put("scope", actor.scope());
        params.put("region", statistics.area(export.region()));
        params.put("p", export.period());
        Names names = new Names();
        try (LedgerFormat.SheetWriter sheet = export.format().open(out, "台账", COLUMNS)) {
            long after = 0;
            int limit = PAGE_ROWS;
            while (true) {
                params.put("afterId", after);
                params.put("limit", limit);
                PageRows page = readPage(params);
                List<CaseLine> cases = page.cases;
                boolean more = page.rows == limit;
                if (more) {
                    if (cases.size() == 1) {
                        limit *= 2; // one case with more parties than a page holds rows: read it whole
                        continue;
                    }
                    // the page may have cut the last case's parties off: it is read again, whole, in the next page
                    cases.remove(cases.size() - 1);
                }
                names.resolve(cases);
                for (CaseLine c : cases) {
                    sheet.row(row(c, names));
                }
                count += cases.size();
                if (!more) {
                    break;
                }
                after = cases.get(cases.size() - 1).id;
                limit = PAGE_ROWS;
            }
        }
        return count;
    }

    /**
     * The next page of rows (one per case and party) after case {@code afterId}, grouped into cases: the mapper's
     * "ledger" statement as MyBatis renders it (the scope fragment, parameters bound by MyBatis), read straight from
     * the JDBC result set by column. Mapping each case × party row to an object through MyBatis cost more than the
     * query itself (bench/README.md).
     */
    private PageRows readPage(Map<String, Object> params) {
        MappedStatement statement = mybatis.getMappedStatement(LEDGER_ROWS);
        BoundSql sql = statement.getBoundSql(params);
        PageRows rows = new PageRows();
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(sql.getSql());
            statement.getLang().createParameterHandler(statement, params, sql).setParameters(ps);
            return ps;
        }, rows);
        return rows;
    }

    /** One case of the ledger as read (the names of its category and mediator are looked up apart). */
    private static final class CaseLine {
        long id;
        String caseNo, categoryCode, subCategoryCode, title, description, level, status, referTo, agreementType,
                mediator;
        Instant acceptedAt, closedAt, updatedAt;
        boolean everOverdue;
        Boolean fulfilled, satisfied;
        final List<PartyLine> parties = new ArrayList<>(3);
    }

    /** One party row of a case: its id (the party order), role and encrypted name. */
    private record PartyLine(long id, String role, String nameEnc) {
    }

    /**
     * Groups the rows of a page (one per case and party, in case order) into cases; a case's own columns are read from
     * its first row only.
     */
    private static final class PageRows implements RowCallbackHandler {
        final List<CaseLine> cases = new ArrayList<>(PAGE_ROWS / 2);
        int rows;
        private int[] col;
        private long id;
        private CaseLine current;

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            if (col == null) {
                col = new int[LABELS.size()];
                for (int i = 0; i < col.length; i++) {
                    col[i] = rs.findColumn(LABELS.get(i));
                }
            }
            rows++;
            long rowId = rs.getLong(col[ID]);
            if (current == null || rowId != id) {
                id = rowId;
                CaseLine c = new CaseLine();
                c.id = rowId;
                c.caseNo = rs.getString(col[CASE_NO]);
                c.acceptedAt = instant(rs, col[ACCEPTED_AT]);
                c.categoryCode = rs.getString(col[CATEGORY_CODE]);
                c.subCategoryCode = rs.getString(col[SUB_CATEGORY_CODE]);
                c.title = rs.getString(col[TITLE]);
                c.description = rs.getString(col[DESCRIPTION]);
                c.level = rs.getString(col[LEVEL]);
                c.status = rs.getString(col[STATUS]);
                c.referTo = rs.getString(col[REFER_TO]);
                c.agreementType = rs.getString(col[AGREEMENT_TYPE]);
                c.closedAt = instant(rs, col[CLOSED_AT]);
                c.updatedAt = instant(rs, col[UPDATED_AT]);
                c.everOverdue = rs.getBoolean(col[EVER_OVERDUE]);
                c.mediator = rs.getString(col[MEDIATOR]);
                c.fulfilled = bool(rs, col[FULFILLED]);
                c.satisfied = bool(rs, col[SATISFIED]);
                cases.add(c);
                current = c;
            }
            long partyId = rs.getLong(col[PARTY_ID]);
            if (!rs.wasNull()) {
                current.parties.add(new PartyLine(partyId, rs.getString(col[PARTY_ROLE]),
                        rs.getString(col[PARTY_NAME_ENC])));
            }
        }
    }

    /** The column labels of the "ledger" statement, looked up once per page; indexes into it below. */
    private static final List<String> LABELS = List.of("id", "case_no", "accepted_at", "category_code",
            "sub_category_code", "title", "description", "level", "status", "refer_to", "agreement_type", "closed_at",
            "updated_at", "ever_overdue", "mediator", "follow_up_fulfilled", "follow_up_satisfied", "party_id",
            "party_role", "party_name_enc");
    private static final int ID = 0, CASE_NO = 1, ACCEPTED_AT = 2, CATEGORY_CODE = 3, SUB_CATEGORY_CODE = 4, TITLE = 5,
            DESCRIPTION = 6, LEVEL = 7, STATUS = 8, REFER_TO = 9, AGREEMENT_TYPE = 10, CLOSED_AT = 11, UPDATED_AT = 12,
            EVER_OVERDUE = 13, MEDIATOR = 14, FULFILLED = 15, SATISFIED = 16, PARTY_ID = 17, PARTY_ROLE = 18,
            PARTY_NAME_ENC = 19;

    /**
     * Names by code for one export: every category (a few dozen, read once) and the mediators met so far (display
     * names, read a page's unknown ones at a time, at most {@link #MAX_MEDIATORS} kept). Joining both per row cost
     * the database a third of the page query (app_user holds every account of the province).
     */
    private final class Names {
        static final int MAX_MEDIATORS = 10_000;
        private final Map<String, String> categories = new HashMap<>();
        private final Map<String, String> mediators = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > MAX_MEDIATORS;
            }
        };

        Names() {
            for (ReportMapper.CodeName c : mapper.categoryNames()) {
                categories.put(c.code(), c.name());
            }
        }

        /** Looks up the display names of the page's mediators not known yet (a username without an account stays). */
        void resolve(List<CaseLine> cases) {
            Set<String> unknown = new HashSet<>();
            for (CaseLine c : cases) {
                // get (not containsKey) marks a known name as recently used, so adding the unknown ones below
                // never evicts a name this page needs
                if (c.mediator != null && mediators.get(c.mediator) == null) {
                    unknown.add(c.mediator);
                }
            }
            if (unknown.isEmpty()) {
                return;
            }
            for (ReportMapper.CodeName u : mapper.displayNames(unknown)) {
                mediators.put(u.code(), u.name());
            }
            for (String username : unknown) {
                mediators.putIfAbsent(username, username);
            }
        }

        String category(String code) {
            return code == null ? null : categories.get(code);
        }

        String mediator(String username) {
            return username == null ? null : mediators.getOrDefault(username, username);
        }
    }

    private List<Object> row(CaseLine c, Names names) {
        String category = names.category(c.categoryCode);
        String sub = names.category(c.subCategoryCode);
        List<Object> cells = new ArrayList<>(COLUMNS.size());
        cells.add(c.caseNo);
        cells.add(day(c.acceptedAt));
        cells.add(sub == null ? category : category + "/" + sub);
        cells.add(parties(c.parties));
        cells.add(summary(c.title, c.description));
        cells.add(level(c.level));
        cells.add(names.mediator(c.mediator));
        cells.add(result(c.status, c.referTo));
        cells.add(c.agreementType == null ? "" : "WRITTEN".equals(c.agreementType) ? "书面" : "口头");
        cells.add(c.fulfilled == null ? "" : (c.fulfilled ? "已履行" : "未履行") + "，"
                + (Boolean.TRUE.equals(c.satisfied) ? "满意" : "不满意"));
        cells.add(day(closedAt(c.status, c.closedAt, c.updatedAt)));
        cells.add(c.everOverdue ? "是" : "否");
        return cells;
    }

    /** 张*（申请人）、李**（被申请人）: masked names in party order. */
    private String parties(List<PartyLine> parties) {
        if (parties.size() > 1) {
            parties.sort(Comparator.comparingLong(PartyLine::id));
        }
        StringJoiner joined = new StringJoiner("、");
        for (PartyLine p : parties) {
            joined.add(Masking.name(pii.decrypt(p.nameEnc())) + "（" + role(p.role()) + "）");
        }
        return joined.toString();
    }

    /** As MyBatis' InstantTypeHandler reads a DATETIME. */
    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Boolean bool(ResultSet rs, int column) throws SQLException {
        boolean b = rs.getBoolean(column);
        return rs.wasNull() ? null : b;
    }

    private static String summary(String title, String description) {
        String s = title + "：" + (description == null ? "" : description);
        return s.length() > SUMMARY_MAX ? s.substring(0, SUMMARY_MAX - 1) + "…" : s;
    }

    private static Instant closedAt(String status, Instant closedAt, Instant updatedAt) {
        if (closedAt != null) {
            return closedAt;
        }
        // a case ended without an agreement (rejected, referred, withdrawn) is closed when it ended
        return "REJECTED".equals(status) || "REFERRED".equals(status) || "WITHDRAWN".equals(status) ? updatedAt : null;
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

    private static String result(String status, String referTo) {
        if ("REFERRED".equals(status) && referTo != null) {
            return "移送" + switch (referTo) {
                case "LITIGATION" -> "诉讼";
                case "ARBITRATION" -> "仲裁";
                case "ADMINISTRATIVE" -> "行政处理";
                case "PETITION" -> "信访";
                case "POLICE" -> "公安";
                default -> referTo;
            };
        }
        return status(status);
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
