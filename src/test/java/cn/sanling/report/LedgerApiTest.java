package cn.sanling.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.dispute.SystemActions;
import cn.sanling.testing.CaseTimers;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/** The 台账 export: the SPEC §5 columns, masked parties, file names, BOM, and the export in the audit log. */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerApiTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    SystemActions system;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseTimers timers;

    TestArea area;
    String pendingNo, closedNo, resolvedNo, escalatedNo;

    @BeforeAll
    void fixture() {
        area = TestArea.inTownship(api, users, "411202004", 0);
        long pending = area.report().title("噪音扰邻").file();
        system.acceptOverdue(pending);
        long resolved = area.report().category("FAMILY").title("赡养费分担").file();
        area.acceptAndResolve(resolved, "WRITTEN");
        long closed = area.report().category("DEBT").title("务工欠薪,讨要未果").party("欧阳娜娜", null, null, "OTHER").file();
        area.acceptAndResolve(closed, "ORAL");
        area.act(area.gridWorker, closed, "FOLLOW_UP", "fulfilled", true, "satisfied", false, "note", "已付清");
        // accepted in time, then its village mediation deadline passed: the engine fires its timer
        long escalated = area.report().category("NEIGHBOUR").title("宅基地边界").file();
        area.act(area.villageMediator, escalated, "ACCEPT");
        timers.passMediationDeadline(escalated);
        pendingNo = caseNo(pending);
        resolvedNo = caseNo(resolved);
        closedNo = caseNo(closed);
        escalatedNo = caseNo(escalated);
    }

    String caseNo(long id) {
        return area.as(area.gridWorker).get("/api/v1/disputes/" + id).json().get("caseNo").asString();
    }

    HttpResponse<byte[]> download(String user, String query) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/ledger?" + query))
                .header("Authorization", "Bearer " + api.login(user)).build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void csv_has_a_bom_the_spec_columns_and_one_masked_row_per_case() throws Exception {
        HttpResponse<byte[]> r = download("sup_hubin", "format=csv&regionCode=" + area.village);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String disposition = r.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).startsWith("attachment;").contains("filename=\"ledger-" + area.village);
        String utf8Name = URLDecoder.decode(disposition.substring(disposition.indexOf("UTF-8''") + 7), StandardCharsets.UTF_8);
        assertThat(utf8Name).startsWith("台账_" + area.villageName + "_").endsWith(".csv");
        byte[] body = r.body();
        assertThat(new byte[] {body[0], body[1], body[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(body, StandardCharsets.UTF_8).substring(1);
        List<String> lines = List.of(text.split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("编号,受理日期,类别,当事人,纠纷简况,调解层级,调解员,结果,协议形式,回访,结案日期,是否超期");
        assertThat(lines).hasSize(5);
        String pending = line(lines, pendingNo);
        assertThat(pending).contains("张*（申请人）、李*（被申请人）").contains("待受理").endsWith(",是");
        assertThat(pending).doesNotContain("张三").doesNotContain("13812345678");
        String closed = line(lines, closedNo);
        assertThat(closed).contains("欧***（其他）").contains("\"务工欠薪,讨要未果：").contains("已结案").contains("口头")
                .contains("已履行，不满意").endsWith(",否");
        assertThat(line(lines, resolvedNo)).contains("调解成功").contains("书面").contains("村级").endsWith(",否");
        // escalated: not overdue at its new level, but it missed the village's deadline
        assertThat(line(lines, escalatedNo)).contains("待受理").contains("乡镇级").endsWith(",是");
        assertThat(text).doesNotContain("欧阳娜娜");
    }

    /**
     * 受理日期 and 结案日期 are days in China time, the same instants the case API shows: read for a close time stored
     * at 20:30 (the next day in China when the server's zone is UTC) and for the acceptance of another case.
     */
    @Test
    void dates_are_the_days_in_china_time_of_the_instants_the_case_api_shows() throws Exception {
        jdbc.update("UPDATE dispute SET closed_at = ? WHERE case_no = ?",
                Timestamp.valueOf(LocalDateTime.of(2026, 3, 1, 20, 30)), closedNo);
        HttpResponse<byte[]> r = download("sup_hubin", "format=csv&regionCode=" + area.village);
        List<String> lines = List.of(new String(r.body(), StandardCharsets.UTF_8).substring(1).split("\r\n"));
        JsonNode closed = area.as(area.gridWorker).get("/api/v1/disputes/" + id(closedNo)).json();
        JsonNode resolved = area.as(area.gridWorker).get("/api/v1/disputes/" + id(resolvedNo)).json();
        assertThat(cells(line(lines, closedNo))[10]).isEqualTo(chinaDay(closed.get("closedAt").asString()));
        assertThat(cells(line(lines, resolvedNo))[1]).isEqualTo(chinaDay(resolved.get("acceptedAt").asString()));
    }

    private long id(String caseNo) {
        return jdbc.queryForObject("SELECT id FROM dispute WHERE case_no = ?", Long.class, caseNo);
    }

    private static String chinaDay(String instant) {
        return Instant.parse(instant).atZone(Period.ZONE).toLocalDate().toString();
    }

    /** The cells of a CSV line whose quoted cells hold no quotes. */
    private static String[] cells(String line) {
        return line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
    }

    private static String line(List<String> lines, String caseNo) {
        return lines.stream().filter(l -> l.startsWith(caseNo + ",")).findFirst().orElseThrow();
    }

    @Test
    void xlsx_opens_with_poi_and_holds_the_same_rows() throws Exception {
        HttpResponse<byte[]> r = download("sup_smx", "format=xlsx&regionCode=" + area.village);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse(""))
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
            XSSFSheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("台账");
            DataFormatter f = new DataFormatter();
            List<List<String>> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < LedgerService.COLUMNS.size(); i++) {
                    cells.add(f.formatCellValue(row.getCell(i)));
                }
                rows.add(cells);
            }
            assertThat(rows.get(0)).isEqualTo(LedgerService.COLUMNS);
            assertThat(rows).hasSize(5);
            List<String> closed = rows.stream().filter(x -> x.get(0).equals(closedNo)).findFirst().orElseThrow();
            assertThat(closed.get(3)).isEqualTo("张*（申请人）、李*（被申请人）、欧***（其他）");
            assertThat(closed.get(5)).isEqualTo("村级");
            assertThat(closed.get(7)).isEqualTo("已结案");
            assertThat(closed.get(8)).isEqualTo("口头");
            assertThat(closed.get(10)).isNotBlank();
            assertThat(closed.get(11)).isEqualTo("否");
        }
    }

    @Test
    void every_export_is_in_the_audit_log() throws Exception {
        download("sup_hubin", "format=csv&regionCode=" + area.village);
        JsonNode entries = api.as("auditor").get("/api/v1/audit?actor=sup_hubin&limit=20").json();
        assertThat(entries.get("items").valueStream()
                .filter(e -> e.get("action").asString().equals("LEDGER_EXPORT")
                        && area.village.equals(e.get("targetId").asString()))
                .count()).isGreaterThanOrEqualTo(1);
    }
}
