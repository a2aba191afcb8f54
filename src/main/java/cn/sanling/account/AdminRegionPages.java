package cn.sanling.account;

import java.io.IOException;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.sanling.support.FieldMessages;
import cn.sanling.support.ProblemException;
import cn.sanling.support.WebPage;

/** Region import for ADMIN as a page (/admin/regions): a CSV file uploaded, what it did or the lines at fault. */
@WebPage
class AdminRegionPages {

    private final RegionAdministration regions;
    private final FieldMessages messages;

    AdminRegionPages(RegionAdministration regions, FieldMessages messages) {
        this.regions = regions;
        this.messages = messages;
    }

    @GetMapping("/admin/regions")
    String page(Actor actor, Model model) {
        actor.requireAdmin("import regions");
        model.addAttribute("header", String.join(",", RegionAdministration.HEADER));
        return "account/regions";
    }

    @PostMapping("/admin/regions")
    String upload(Actor actor, @RequestParam(required = false) MultipartFile file, RedirectAttributes redirect)
            throws IOException {
        actor.requireAdmin("import regions");
        try {
            // the size is bounded by spring.servlet.multipart.max-file-size (application.yml)
            redirect.addFlashAttribute("imported", regions.importCsv(actor, file == null ? null : file.getBytes()));
            redirect.addFlashAttribute("fileName", file.getOriginalFilename());
        } catch (ProblemException e) {
            redirect.addFlashAttribute("errors", messages.lines(e));
        }
        return "redirect:/admin/regions";
    }
}
