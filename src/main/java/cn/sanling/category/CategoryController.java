package cn.sanling.category;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CategoryController {

    private final CategoryService categories;

    CategoryController(CategoryService categories) {
        this.categories = categories;
    }

    /** {@code [{code, name, slogan, children:[{code, name}]}]} */
    @GetMapping("/api/v1/categories")
    List<Category> categories() {
        return categories.tree();
    }
}
