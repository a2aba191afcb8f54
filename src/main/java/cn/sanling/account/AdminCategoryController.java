package cn.sanling.account;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.sanling.category.CategoryService.SubCategory;
import cn.sanling.support.ProblemException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** Sub-category administration for ADMIN (the path is restricted to ADMIN by the security configuration). */
@RestController
@RequestMapping("/api/v1/admin/categories")
class AdminCategoryController {

    private final CategoryAdministration categories;

    AdminCategoryController(CategoryAdministration categories) {
        this.categories = categories;
    }

    /** {@code {items:[{code, parentCode, name, enabled}]}}: every sub-category, disabled ones too. */
    @GetMapping
    Map<String, List<SubCategory>> list() {
        return Map.of("items", categories.subCategories());
    }

    /** {@code {parentCode, code, name}} → 201 with Location. */
    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    @PostMapping
    ResponseEntity<SubCategory> create(Actor admin, @RequestBody CategoryAdministration.NewSubCategory body) {
        SubCategory created = categories.create(admin, body);
        return ResponseEntity.created(URI.create("/api/v1/admin/categories/" + created.code())).body(created);
    }

    /** One sub-category (what a 201's Location names). */
    @GetMapping("/{code}")
    SubCategory get(@PathVariable String code) {
        return categories.subCategories().stream().filter(c -> c.code().equals(code)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Sub-category " + code));
    }

    /** {@code {name?, enabled?}}: renames, disables or enables a sub-category. */
    @PatchMapping("/{code}")
    SubCategory change(Actor admin, @PathVariable String code, @RequestBody CategoryAdministration.Change body) {
        return categories.change(admin, code, body);
    }
}
