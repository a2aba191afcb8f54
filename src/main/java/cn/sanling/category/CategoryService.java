package cn.sanling.category;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the category tree. Small, read on every intake and changed rarely (the administrator's sub-categories, SQL, a
 * migration), so the rows are cached for a minute ({@code <cache>} in CategoryMapper.xml): a change reaches every
 * node within a minute, the node that made it at once. The 六防六促 categories themselves are fixed (SPEC §1).
 */
@Service
public class CategoryService {

    private final CategoryMapper mapper;

    CategoryService(CategoryMapper mapper) {
        this.mapper = mapper;
    }

    public List<Category> tree() {
        List<CategoryMapper.CategoryRow> rows = mapper.findAll();
        Map<String, List<Category>> children = new LinkedHashMap<>();
        for (var row : rows) {
            if (row.parentCode() != null) {
                children.computeIfAbsent(row.parentCode(), k -> new ArrayList<>())
                        .add(new Category(row.code(), row.name(), null, List.of()));
            }
        }
        return rows.stream().filter(r -> r.parentCode() == null)
                .map(r -> new Category(r.code(), r.name(), r.slogan(), children.getOrDefault(r.code(), List.of())))
                .toList();
    }

    /** A sub-category as the administrator sees it: enabled or not. */
    public record SubCategory(String code, String parentCode, String name, boolean enabled) {
    }

    /** Every sub-category, disabled ones too, in display order (the administrator's list; not cached). */
    public List<SubCategory> subCategories() {
        return mapper.findAllRows().stream().filter(r -> r.parentCode() != null)
                .map(r -> new SubCategory(r.code(), r.parentCode(), r.name(), r.enabled())).toList();
    }

    /** Adds a sub-category at the end of its category's list. The caller checks the values. */
    @Transactional
    public void addSubCategory(String parentCode, String code, String name) {
        mapper.insertSub(code, parentCode, name, mapper.nextSortOrder(parentCode));
    }

    /** Renames, disables or enables a sub-category; false if there is no such sub-category. */
    @Transactional
    public boolean changeSubCategory(String code, String name, boolean enabled) {
        return mapper.updateSub(code, name, enabled) == 1;
    }

    /** A top-level category by code. */
    public Optional<Category> category(String code) {
        return tree().stream().filter(c -> c.code().equals(code)).findFirst();
    }
}
