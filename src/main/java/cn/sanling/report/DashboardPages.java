package cn.sanling.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.sanling.account.Actor;
import cn.sanling.category.CategoryService;
import cn.sanling.region.Region;
import cn.sanling.region.RegionService;
import cn.sanling.report.Statistics.MonthlySheet;
import cn.sanling.report.Statistics.Summary;
import cn.sanling.support.ProblemException;

/** Supervisor pages: the dashboard (/dashboard) with charts and drill-down, the ledger page (/ledger) and downloads. */
@Controller
class DashboardPages {

    private final StatisticsService statistics;
    private final LedgerService ledger;
    private final RegionService regions;
    private final CategoryService categories;

    DashboardPages(StatisticsService statistics, LedgerService ledger, RegionService regions,
            CategoryService categories) {
        this.statistics = statistics;
        this.ledger = ledger;
        this.regions = regions;
        this.categories = categories;
    }

    @GetMapping("/dashboard")
    String dashboard(Actor actor, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String month, Model model) {
        Summary summary = statistics.summary(actor, regionCode, from, to);
        model.addAttribute("summary", summary);
        // plain maps for the charts: Thymeleaf's JavaScript serializer needs no Jackson for them
        model.addAttribute("chartData", java.util.Map.of("byMonth", summary.byMonth(), "byCategory",
                summary.byCategory(), "byLevel", summary.byLevel(), "byStatus", summary.byStatus()));
        model.addAttribute("from", summary.from().atZone(Period.ZONE).toLocalDate());
        model.addAttribute("to", summary.to().minusMillis(1).atZone(Period.ZONE).toLocalDate());
        model.addAttribute("children", statistics.children(actor, summary.regionCode(), from, to));
        model.addAttribute("attention", statistics.attention(actor, summary.regionCode()));
        model.addAttribute("supervisions", statistics.supervisions(actor, summary.regionCode(), from, to));
        MonthlySheet sheet = statistics.monthlySheet(actor, summary.regionCode(), month);
        model.addAttribute("sheet", sheet);
        model.addAttribute("month", sheet.from().atZone(Period.ZONE).toLocalDate().toString().substring(0, 7));
        model.addAttribute("categoryNames", categories.tree().stream()
                .collect(java.util.stream.Collectors.toMap(c -> c.code(), c -> c.name())));
        model.addAttribute("breadcrumb", breadcrumb(actor, summary.regionCode()));
        return "report/dashboard";
    }

    @GetMapping("/ledger")
    String ledgerPage(Actor actor, @RequestParam(required = false) String regionCode, Model model) {
        Region region = statistics.region(actor, regionCode);
        model.addAttribute("region", region);
        model.addAttribute("columns", LedgerService.COLUMNS);
        Period year = statistics.period(null, null);
        model.addAttribute("from", year.firstDay());
        model.addAttribute("to", year.lastDay());
        return "report/ledger";
    }

    /** The ledger for the web UI (session login), the same stream as GET /api/v1/ledger. */
    @GetMapping("/ledger/export")
    void ledgerExport(Actor actor, @RequestParam(required = false) String format,
            @RequestParam(required = false) String regionCode, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, HttpServletResponse res) throws IOException {
        LedgerService.Export export = ledger.prepare(actor, format, regionCode, from, to);
        Downloads.attachment(res, export.format().contentType(), export.fileName(), export.asciiFileName());
        ledger.write(actor, export, res.getOutputStream());
    }

    /** The monthly statistics sheet as a file, for the dashboard's export button. */
    @GetMapping("/dashboard/monthly")
    void monthlyExport(Actor actor, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) String month, @RequestParam(defaultValue = "xlsx") String format,
            HttpServletResponse res) throws IOException {
        LedgerFormat f = switch (format.toLowerCase()) {
            case "xlsx" -> LedgerFormat.XLSX;
            case "csv" -> LedgerFormat.CSV;
            default -> throw ProblemException.badRequest("format", "xlsx or csv");
        };
        MonthlySheet sheet = statistics.monthlySheet(actor, regionCode, month);
        Downloads.attachment(res, f.contentType(), MonthlySheetExport.fileName(sheet, f),
                MonthlySheetExport.asciiFileName(sheet, f));
        MonthlySheetExport.write(sheet, f, res.getOutputStream());
    }

    /** From the actor's scope node down to the region shown, for navigating back up. */
    private List<Region> breadcrumb(Actor actor, String code) {
        List<Region> path = new ArrayList<>();
        for (String c = code; c != null && actor.scope().covers(c); ) {
            Region r = regions.find(c).orElse(null);
            if (r == null) {
                break;
            }
            path.add(0, r);
            c = r.parentCode();
        }
        return path;
    }
}
