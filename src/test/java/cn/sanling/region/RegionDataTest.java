package cn.sanling.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;

/**
 * The region API answers exactly the 三门峡市 subset of the national statistical division codes
 * (src/test/resources/regions-sanmenxia.csv, copied from the source data, independent of the migration).
 */
@SanlingIntegrationTest
class RegionDataTest {

    record Row(String code, String name, String level, String parentCode) {
    }

    static final List<Row> SOURCE = readSource();

    @Autowired
    TestApi api;

    @Test
    void the_source_subset_is_the_expected_size() {
        assertThat(SOURCE).hasSize(1470);
        assertThat(SOURCE.stream().filter(r -> r.level().equals("COUNTY"))).hasSize(7);
        assertThat(SOURCE.stream().filter(r -> r.level().equals("TOWNSHIP"))).hasSize(81);
        assertThat(SOURCE.stream().filter(r -> r.level().equals("VILLAGE"))).hasSize(1381);
    }

    @Test
    void the_city_has_the_seven_counties_of_the_source() {
        assertChildrenEqualSource("4112");
        assertThat(children("4112")).hasSize(7);
    }

    @Test
    void jiaokou_township_has_the_villages_of_the_source() {
        assertChildrenEqualSource("411202201");
        assertThat(children("411202201")).extracting(Row::name).contains("交口村村民委员会", "富村村民委员会");
    }

    /** MigrationsTest checks that the migrations ship 三门峡市 alone; the ADMIN may import more (AdminRegionsApiTest). */
    @Test
    void the_province_root_has_sanmenxia() {
        assertThat(children("41")).contains(new Row("4112", "三门峡市", "CITY", "41"));
    }

    static Stream<String> regionsWithRegionChildren() {
        return SOURCE.stream().filter(r -> !r.level().equals("VILLAGE")).map(Row::code);
    }

    /** Every city, county and township: all 89 of them. */
    @ParameterizedTest
    @MethodSource("regionsWithRegionChildren")
    void children_equal_the_source_data(String code) {
        assertChildrenEqualSource(code);
    }

    @Test
    void the_first_and_last_village_of_the_source_have_one_to_three_demo_grids() {
        List<Row> villages = SOURCE.stream().filter(r -> r.level().equals("VILLAGE")).toList();
        List<Row> sample = List.of(villages.get(0), villages.get(villages.size() - 1));
        for (Row village : sample) {
            List<Row> grids = children(village.code());
            assertThat(grids).hasSizeBetween(1, 3);
            assertThat(grids).allSatisfy(g -> {
                assertThat(g.code()).matches(village.code() + "\\d{3}");
                assertThat(g.level()).isEqualTo("GRID");
                assertThat(g.name()).matches("第\\d+网格");
            });
        }
    }

    private void assertChildrenEqualSource(String code) {
        List<Row> expected = SOURCE.stream().filter(r -> code.equals(r.parentCode())).toList();
        assertThat(children(code)).as("children of %s", code).containsExactlyInAnyOrderElementsOf(expected);
    }

    private List<Row> children(String code) {
        ApiResponse r = api.as("sup_smx").get("/api/v1/regions/" + code + "/children");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().valueStream()
                .map(n -> new Row(n.path("code").asString(), n.path("name").asString(), n.path("level").asString(), code))
                .toList();
    }

    private static List<Row> readSource() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                RegionDataTest.class.getResourceAsStream("/regions-sanmenxia.csv"), StandardCharsets.UTF_8))) {
            in.readLine(); // header: code,name,level,parent_code
            List<Row> rows = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    String[] f = line.split(",", -1);
                    rows.add(new Row(f[0], f[1], f[2], f[3]));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
