package cn.sanling.report;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.sanling.account.Actor;
import cn.sanling.report.ReportMapper.AttentionCase;
import cn.sanling.report.ReportMapper.SupervisionLine;
import cn.sanling.report.Statistics.ChildRow;
import cn.sanling.report.Statistics.MonthlySheet;
import cn.sanling.report.Statistics.Summary;
import cn.sanling.support.ProblemException;

/** Statistics and the ledger for supervisors. {@code from}/{@code to}: a date or an instant; default this year. */
@RestController
@RequestMapping("/api/v1")
class ReportController {

    private final StatisticsService statistics;
    private final LedgerService ledger;

    ReportController(StatisticsService statistics, LedgerService ledger) {
        this.statistics = statistics;
        this.ledger = ledger;
    }

    @GetMapping("/stats/summary")
    Summary summary(Actor actor, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return statistics.summary(actor, regionCode, from, to);
    }

    /** {@code {items:[child row]}}: the drill-down table, one row per child region. */
    @GetMapping("/stats/children")
    Map<String, List<ChildRow>> children(Actor actor, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return Map.of("items", statistics.children(actor, regionCode, from, to));
    }

    /** {@code {items:[case]}}: open cases that are overdue or supervised, most urgent first. */
    @GetMapping("/stats/attention")
    Map<String, List<AttentionCase>> attention(Actor actor, @RequestParam(required = false) String regionCode) {
        return Map.of("items", statistics.attention(actor, regionCode));
    }

    /** {@code {items:[order]}}: 督办 orders of the period with response times. */
    @GetMapping("/stats/supervisions")
    Map<String, List<SupervisionLine>> supervisions(Actor actor, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return Map.of("items", statistics.supervisions(actor, regionCode, from, to));
    }

    /** The monthly sheet as JSON, or as a file with {@code format=xlsx|csv}. {@code month=2026-05}, default this month. */
    @GetMapping("/stats/monthly")
    MonthlySheet monthly(Actor actor, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) String month, @RequestParam(required = false) String format,
            HttpServletResponse res) throws IOException {
        MonthlySheet sheet = statistics.monthlySheet(actor, regionCode, month);
        if (format == null || format.isBlank() || format.equalsIgnoreCase("json")) {
            return sheet;
        }
        LedgerFormat f = switch (format.strip().toLowerCase()) {
            case "xlsx" -> LedgerFormat.XLSX;
            case "csv" -> LedgerFormat.CSV;
            default -> throw ProblemException.badRequest("format", "json, xlsx or csv");
        };
        Downloads.attachment(res, f.contentType(), MonthlySheetExport.fileName(sheet, f),
                MonthlySheetExport.asciiFileName(sheet, f));
        MonthlySheetExport.write(sheet, f, res.getOutputStream());
        return null;
    }

    /** The 台账, streamed: {@code format=xlsx|csv} (default xlsx). */
    @GetMapping("/ledger")
    void ledger(Actor actor, @RequestParam(required = false) String format,
            @RequestParam(required = false) String regionCode, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, HttpServletResponse res) throws IOException {
        Downloads.ledger(ledger, actor, format, regionCode, from, to, res);
    }
}
