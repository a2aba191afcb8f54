package cn.sanling.sanling;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.sanling.account.Actor;
import cn.sanling.region.RegionLevel;
import cn.sanling.support.FieldMessages;
import cn.sanling.support.ProblemException;
import cn.sanling.support.WebPage;

/** The 三零 board (/sanling) and the incidents register page (/incidents). */
@WebPage
class SanlingPages {

    private final SanlingService service;
    private final FieldMessages messages;

    SanlingPages(SanlingService service, FieldMessages messages) {
        this.service = service;
        this.messages = messages;
    }

    /** The incident form as typed, shown again after a refusal (a flash attribute: kept in the shared session store). */
    record IncidentForm(String type, String regionCode, LocalDateTime occurredAt, String summary, String caseNo,
            boolean fromDispute) implements Serializable {
    }

    /** The most village tiles a row of the board shows above a county (the villages that are not 三零 or at risk). */
    static final int EXCEPTION_TILES = 60;

    /**
     * The board. Up to a county every village is a tile. Above it a tile for every village is thousands of them (a
     * city of Henan 3-5k; the province 52k, 7.5 MB of HTML that took a second to render, bench/README.md): each row
     * then shows the villages that need attention, at most {@link #EXCEPTION_TILES}, and links to its own board.
     */
    @GetMapping("/sanling")
    String board(Actor actor, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) Integer year, Model model) {
        Evaluation e = service.evaluate(actor, regionCode, year);
        RegionLevel level = RegionLevel.ofCode(e.regionCode());
        boolean exceptionsOnly = level == RegionLevel.CITY || level == RegionLevel.PROVINCE;
        Map<String, Tiles> tiles = new HashMap<>(); // by child region
        e.children().forEach(c -> tiles.put(c.regionCode(), tiles(c, exceptionsOnly)));
        model.addAttribute("evaluation", e);
        model.addAttribute("exceptionsOnly", exceptionsOnly);
        model.addAttribute("tiles", tiles);
        return "sanling/board";
    }

    /** A row's tiles, and how many villages that need attention it leaves out. */
    record Tiles(List<Evaluation.Village> shown, int notShown) {
    }

    /** Every village of the row, or only those that need attention, at most {@link #EXCEPTION_TILES}. */
    static Tiles tiles(Evaluation.Child row, boolean exceptionsOnly) {
        if (!exceptionsOnly) {
            return new Tiles(row.villageList(), 0);
        }
        List<Evaluation.Village> attention = row.villageList().stream().filter(v -> !v.sanling() || v.atRisk())
                .toList();
        List<Evaluation.Village> shown = attention.subList(0, Math.min(attention.size(), EXCEPTION_TILES));
        return new Tiles(shown, attention.size() - shown.size());
    }

    @GetMapping("/incidents")
    String incidents(Actor actor, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) String type, @RequestParam(required = false) Integer year, Model model) {
        model.addAttribute("incidents", service.list(actor, regionCode, type, year, null, null));
        model.addAttribute("types", List.of(IncidentType.values()));
        model.addAttribute("filterRegion", regionCode);
        model.addAttribute("filterType", type);
        model.addAttribute("filterYear", year);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new IncidentForm(null, null, null, null, null, false));
        }
        return "sanling/incidents";
    }

    @PostMapping("/incidents")
    String record(Actor actor, @RequestParam String type, @RequestParam String regionCode,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime occurredAt,
            @RequestParam String summary, @RequestParam(required = false) String caseNo,
            @RequestParam(defaultValue = "false") boolean fromDispute, RedirectAttributes redirect) {
        try {
            Incident i = service.record(actor, new IncidentRequest(type, regionCode,
                    occurredAt.atZone(SanlingService.ZONE).toInstant(), summary, null, fromDispute, caseNo));
            redirect.addFlashAttribute("recorded", i.id());
        } catch (ProblemException e) {
            redirect.addFlashAttribute("errors", messages.lines(e));
            // the form again as it was typed
            redirect.addFlashAttribute("form", new IncidentForm(type, regionCode, occurredAt, summary, caseNo,
                    fromDispute));
        }
        return "redirect:/incidents";
    }

    /** Voids an incident recorded in error, with the reason typed into its row's form. */
    @PostMapping("/incidents/{id}/void")
    String voidIncident(Actor actor, @PathVariable long id, @RequestParam(required = false) String reason,
            RedirectAttributes redirect) {
        try {
            service.voidIncident(actor, id, reason);
            redirect.addFlashAttribute("voided", id);
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            redirect.addFlashAttribute("errors", messages.lines(e));
        }
        return "redirect:/incidents";
    }
}
