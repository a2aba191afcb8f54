package cn.sanling.account;

import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.category.Category;
import cn.sanling.category.CategoryService;
import cn.sanling.category.CategoryService.SubCategory;
import cn.sanling.support.ProblemException;

/**
 * The ADMIN's categories (SPEC §2): the 六防六促 categories are fixed (SPEC §1); their sub-categories (具体类型) are
 * added, renamed, disabled and enabled again. A disabled sub-category is no longer offered for new reports; cases
 * that have it keep it. Sub-categories are never removed. Every change is audited.
 */
@Service
public class CategoryAdministration {

    private final CategoryService categories;
    private final AuditLog audit;

    CategoryAdministration(CategoryService categories, AuditLog audit) {
        this.categories = categories;
        this.audit = audit;
    }

    /** What an administrator sends for a new sub-category. */
    public record NewSubCategory(String parentCode, String code, String name) {
    }

    /** A change: a new name and/or enabled or not (a field left out stays as it is). */
    public record Change(String name, Boolean enabled) {
    }

    @Transactional(readOnly = true)
    public List<SubCategory> subCategories() {
        return categories.subCategories();
    }

    @Transactional
    public SubCategory create(Actor admin, NewSubCategory n) {
        admin.requireAdmin("manage categories");
        String parentCode = n == null || n.parentCode() == null ? "" : n.parentCode().strip();
        Category parent = categories.category(parentCode)
                .orElseThrow(() -> ProblemException.badRequest("parentCode", "one of the 六防六促 categories"));
        String code = n.code() == null ? "" : n.code().strip().toUpperCase();
        if (!code.matches("[A-Z][A-Z0-9_]{1,39}")) {
            throw ProblemException.badRequest("code", "2-40 capital letters, digits and '_', e.g. "
                    + parent.code() + "_WATER");
        }
        String name = name(n.name());
        requireNewName(categories.subCategories(), parent.code(), null, name);
        try {
            categories.addSubCategory(parent.code(), code, name);
        } catch (DuplicateKeyException taken) {
            throw ProblemException.conflict("Category " + code + " exists already");
        }
        audit.record(AuditEvent.of(admin.username(), admin.roleName(), "CATEGORY_CREATE").target("CATEGORY", code)
                .detail(parent.code() + ": " + name));
        return new SubCategory(code, parent.code(), name, true);
    }

    @Transactional
    public SubCategory change(Actor admin, String code, Change c) {
        admin.requireAdmin("manage categories");
        List<SubCategory> all = categories.subCategories();
        SubCategory before = all.stream().filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Sub-category " + code));
        String name = c == null || c.name() == null ? before.name() : name(c.name());
        requireNewName(all, before.parentCode(), code, name);
        boolean enabled = c == null || c.enabled() == null ? before.enabled() : c.enabled();
        categories.changeSubCategory(code, name, enabled);
        audit.record(AuditEvent.of(admin.username(), admin.roleName(), "CATEGORY_UPDATE").target("CATEGORY", code)
                .detail(before.name() + (before.enabled() ? "" : " (disabled)") + " → " + name
                        + (enabled ? "" : " (disabled)")));
        return new SubCategory(code, before.parentCode(), name, enabled);
    }

    /** Two sub-categories of one category by the same name would be one choice offered twice on the forms. */
    private static void requireNewName(List<SubCategory> all, String parentCode, String except, String name) {
        if (all.stream().anyMatch(s -> s.parentCode().equals(parentCode)
                && !s.code().equals(except) && s.name().equals(name))) {
            throw ProblemException.badRequest("name", "another sub-category of " + parentCode + " has this name");
        }
    }

    private static String name(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw ProblemException.badRequest("name", "required");
        }
        if (n.length() > 50) {
            throw ProblemException.badRequest("name", "at most 50 characters");
        }
        return n;
    }
}
