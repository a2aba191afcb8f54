package cn.sanling.account;


import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.sanling.category.CategoryService;
import cn.sanling.support.FieldMessages;
import cn.sanling.support.ProblemException;
import cn.sanling.support.WebPage;

/** Sub-category administration for ADMIN as a page (/admin/categories). */
@WebPage
class AdminCategoryPages {

    private final CategoryAdministration administration;
    private final CategoryService categories;
    private final FieldMessages messages;

    AdminCategoryPages(CategoryAdministration administration, CategoryService categories, FieldMessages messages) {
        this.administration = administration;
        this.categories = categories;
        this.messages = messages;
    }

    @GetMapping("/admin/categories")
    String page(Actor actor, Model model) {
        actor.requireAdmin("manage categories");
        model.addAttribute("categories", categories.tree());
        model.addAttribute("subs", administration.subCategories());
        return "account/categories";
    }

    @PostMapping("/admin/categories")
    String create(Actor actor, @RequestParam String parentCode, @RequestParam String code, @RequestParam String name,
            RedirectAttributes redirect) {
        try {
            administration.create(actor, new CategoryAdministration.NewSubCategory(parentCode, code, name));
            redirect.addFlashAttribute("saved", code.strip().toUpperCase());
        } catch (ProblemException e) {
            refused(e, redirect);
        }
        return "redirect:/admin/categories";
    }

    @PostMapping("/admin/categories/{code}")
    String change(Actor actor, @PathVariable String code, @RequestParam(required = false) String name,
            @RequestParam(required = false) Boolean enabled, RedirectAttributes redirect) {
        try {
            administration.change(actor, code, new CategoryAdministration.Change(name, enabled));
            redirect.addFlashAttribute("saved", code);
        } catch (ProblemException e) {
            refused(e, redirect);
        }
        return "redirect:/admin/categories";
    }

    private void refused(ProblemException e, RedirectAttributes redirect) {
        if (e.status().value() == 403) {
            throw e;
        }
        redirect.addFlashAttribute("errors", messages.lines(e));
    }
}
