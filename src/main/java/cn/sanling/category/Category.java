package cn.sanling.category;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A 六防六促 category with its 促 slogan and sub-categories, or a sub-category (no children). */
public record Category(String code, String name, String slogan,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Category> children) {

    /** The sub-category with this code, if it is one of this category's. */
    public Optional<Category> child(String code) {
        return children.stream().filter(s -> s.code().equals(code)).findFirst();
    }
}
