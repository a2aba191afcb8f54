package cn.sanling.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.sanling.account.Actor;
import cn.sanling.category.CategoryService;
import cn.sanling.region.Region;
import cn.sanling.region.RegionService;
import cn.sanling.report.Statistics.MonthlySheet;
import cn.sanling.report.Statistics.Summary;
import cn.sanling.support.FieldMessages;
import cn.sanling.support.ProblemException;
import cn.sanling.support.WebPage;
import tools.jackson.databind.json.JsonMapper;

/** Supervisor pages: the dashboard (/dashboard) with charts and drill-down, the ledger page (/ledger) and downloads. */
@WebPage
class DashboardPages {

    private final StatisticsService statistics;
    private final LedgerService ledger;
    private final RegionService regions;
    private final CategoryService categories;
    private final MessageSource messages;
    private final FieldMessages fieldMessages;
    private final JsonMapper json;

    DashboardPages(StatisticsService statistics, LedgerService ledger, RegionService regions,
            CategoryService categories, MessageSource messages, FieldMessages fieldMessages, JsonMapper json) {
        this.messages = messages;
        this.fieldMessages = fieldMessages;
        this.json = json;
        this.statistics = statistics;
        this.ledger = ledger;
        this.regions = regions;
        this.categories = categories;
    }

    @GetMapping("/dashboard")
    String dashboard(Actor actor, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String month, Model model, Locale locale) {
        Summary summary;
        try {
            summary = statistics.summary(actor, regionCode, from, to);
        } catch (ProblemException e) {
            if (e.errors().stream().noneMatch(f -> f.field().equals("from") || f.field().equals("to"))) {
                throw e; // a region outside the scope stays a 404
            }
            // a bad period: the page for the default one, the refusal beside the filters
            model.addAttribute("filterErrors", fieldMessages.lines(e));
            from = null;
            to = null;
            summary = statistics.summary(actor, regionCode, null, null);
        }
        model.addAttribute("summary", summary);
        model.addAttribute("chartJson", chartJson(summary, locale));
        model.addAttribute("from", summary.from().atZone(Period.ZONE).toLocalDate());
        model.addAttribute("to", summary.to().minusMillis(1).atZone(Period.ZONE).toLocalDate());
        model.addAttribute("children", statistics.children(actor, summary.regionCode(), from, to));
        model.addAttribute("attention", statistics.attention(actor, summary.regionCode()));
        model.addAttribute("supervisions", statistics.supervisions(actor, summary.regionCode(), from, to));
        MonthlySheet sheet = statistics.monthlySheet(actor, summary.regionCode(), month);
        model.addAttribute("sheet", sheet);
        model.addAttribute("month", sheet.from().atZone(Period.ZONE).toLocalDate().toString().substring(0, 7));
        model.addAttribute("breadcrumb", breadcrumb(actor, summary.regionCode()));
        model.addAttribute("listLimit", StatisticsService.LIST_LIMIT);
        return "report/dashboard";
    }

    /** The 台账 form, for a region and a period (the dashboard's, when it links here; else this year). */
    @GetMapping("/ledger")
    String ledgerPage(Actor actor, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        Region region = statistics.region(actor, regionCode);
        model.addAttribute("region", region);
        model.addAttribute("columns", LedgerService.COLUMNS);
        Period period;
        try {
            period = statistics.period(from, to);
        } catch (ProblemException badPeriod) {
            period = statistics.period(null, null);
        }
        model.addAttribute("from", period.firstDay());
        model.addAttribute("to", period.lastDay());
        return "report/ledger";
    }

    /** The ledger for the web UI (session login), the same stream as GET /api/v1/ledger. */
    @GetMapping("/ledger/export")
    void ledgerExport(Actor actor, @RequestParam(required = false) String format,
            @RequestParam(required = false) String regionCode, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, HttpServletResponse res) throws IOException {
        Downloads.ledger(ledger, actor, format, regionCode, from, to, res);
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

    /** The charts' data and labels as JSON, safe inside a script data block. */
    private String chartJson(Summary s, Locale locale) {
        Map<String, Object> labels = new LinkedHashMap<>();
        for (String k : List.of("month", "category", "level", "status", "source", "cases")) {
            labels.put(k, messages.getMessage("chart." + k, null, locale));
        }
        labels.put("levels", names("level.", List.of("VILLAGE", "TOWNSHIP", "COUNTY"), locale));
        labels.put("statuses", names("status.", s.byStatus().keySet(), locale));
        labels.put("sources", names("source.", s.bySource().keySet(), locale));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("byMonth", s.byMonth());
        data.put("byCategory", s.byCategory());
        data.put("byLevel", s.byLevel());
        data.put("byStatus", s.byStatus());
        data.put("bySource", s.bySource());
        data.put("categoryNames", categories.tree().stream().collect(Collectors.toMap(c -> c.code(),
                c -> messages.getMessage("category." + c.code(), null, c.name(), locale))));
        data.put("labels", labels);
        return json.writeValueAsString(data).replace("</", "<\\/");
    }

    private Map<String, String> names(String prefix, java.util.Collection<String> keys, Locale locale) {
        Map<String, String> m = new LinkedHashMap<>();
        keys.forEach(k -> m.put(k, messages.getMessage(prefix + k, null, k, locale)));
        return m;
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
