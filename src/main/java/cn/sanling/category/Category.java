package cn.sanling.category;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A 六防六促 category with its 促 slogan and sub-categories, or a sub-category (no children). */
public record Category(String code, String name, String slogan,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Category> children) {
}
