package cn.sanling.category;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * Reads the category tree. Small, read on every intake and changed only by hand (SQL or a migration), so the rows are
 * cached for a minute ({@code <cache>} in CategoryMapper.xml): a change reaches every node within a minute.
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

    /** A top-level category by code. */
    public Optional<Category> category(String code) {
        return tree().stream().filter(c -> c.code().equals(code)).findFirst();
    }
}
