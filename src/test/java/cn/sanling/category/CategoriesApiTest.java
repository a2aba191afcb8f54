package cn.sanling.category;

import static cn.sanling.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/categories: 六防六促 and OTHER with their 促 slogans and sub-categories (SPEC §1). */
@SanlingIntegrationTest
class CategoriesApiTest {

    @Autowired
    TestApi api;

    Map<String, JsonNode> byCode;

    @BeforeEach
    void load() {
        ApiResponse r = api.as("gw_jiaokou").get("/api/v1/categories");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        byCode = r.json().valueStream().collect(Collectors.toMap(c -> c.path("code").asString(), c -> c,
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @Test
    void there_are_the_seven_top_level_categories_in_order() {
        assertThat(byCode.keySet()).containsExactly("EMOTIONAL", "FAMILY", "NEIGHBOUR", "DEBT", "PROPERTY",
                "EPIDEMIC_DISASTER", "OTHER");
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            EMOTIONAL         | 情感纠纷     | 人际和悦
            FAMILY            | 家庭纠纷     | 家人和睦
            NEIGHBOUR         | 邻里纠纷     | 社会和谐
            DEBT              | 债务纠纷     | 经营和顺
            PROPERTY          | 物业纠纷     | 小区和谐
            EPIDEMIC_DISASTER | 涉疫涉灾纠纷 | 群众安全和康
            """)
    void each_prevention_carries_its_promotion_slogan(String code, String name, String promotes) {
        JsonNode category = byCode.get(code);

        assertThat(category.path("name").asString()).isEqualTo(name);
        assertThat(category.path("slogan").asString("")).contains(promotes);
    }

    @Test
    void other_has_no_slogan() {
        JsonNode other = byCode.get("OTHER");

        assertThat(other.path("name").asString()).isEqualTo("其他纠纷");
        assertThat(other.path("slogan").isMissingNode() || other.path("slogan").isNull()).isTrue();
    }

    @ParameterizedTest(name = "{0} has {1}")
    @CsvSource(delimiter = '|', textBlock = """
            EMOTIONAL         | 恋爱, 婚外情, 感情骚扰
            FAMILY            | 婚姻, 赡养, 抚养, 继承, 家庭暴力
            NEIGHBOUR         | 宅基地, 相邻通行, 噪音, 排水, 宠物
            DEBT              | 民间借贷, 劳务欠薪, 合同货款
            PROPERTY          | 物业费, 公共维修, 停车, 装修
            EPIDEMIC_DISASTER | 防疫措施, 灾后补偿, 救灾物资
            OTHER             | 土地承包, 山林权属, 征地拆迁, 医疗, 交通事故赔偿
            """)
    void sub_categories_of_the_spec_are_present(String code, String names) {
        List<JsonNode> children = byCode.get(code).path("children").valueStream().toList();

        assertThat(children).extracting(c -> c.path("name").asString())
                .containsAll(List.of(names.split(",\\s*")));
        assertThat(children).allSatisfy(c -> {
            assertThat(c.path("code").asString("")).isNotBlank();
            assertThat(c.path("children").isMissingNode() || c.path("children").isEmpty()).isTrue();
        });
    }

    @Test
    void family_has_domestic_violence() {
        assertThat(byCode.get("FAMILY").path("children").valueStream().map(c -> c.path("name").asString()))
                .contains("家庭暴力");
    }

    @Test
    void sub_category_codes_are_unique() {
        List<String> codes = byCode.values().stream().flatMap(c -> c.path("children").valueStream())
                .map(c -> c.path("code").asString()).toList();

        assertThat(codes).doesNotHaveDuplicates().doesNotContainAnyElementsOf(byCode.keySet());
    }

    @Test
    void every_role_may_read_categories_but_not_anonymously() {
        for (String user : List.of("med_hubin", "sup_smx", "admin", "auditor")) {
            assertThat(api.as(user).get("/api/v1/categories").status()).as(user).isEqualTo(200);
        }
        assertProblem(api.anonymous().get("/api/v1/categories"), 401);
    }
}
