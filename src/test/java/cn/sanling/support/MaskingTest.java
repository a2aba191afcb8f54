package cn.sanling.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Masks as SPEC §6 shows them: 张*, 4112**********1234, 138****5678. */
class MaskingTest {

    @Test
    void names_keep_the_family_name() {
        assertThat(Masking.name("张三")).isEqualTo("张*");
        assertThat(Masking.name("欧阳娜娜")).isEqualTo("欧***");
        assertThat(Masking.name("王")).isEqualTo("王*");
    }

    @Test
    void id_numbers_keep_four_and_four() {
        assertThat(Masking.idNumber("411202198001011234")).isEqualTo("4112**********1234");
    }

    @Test
    void phones_keep_three_and_four() {
        assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
    }

    @Test
    void free_text_masks_the_parties_names_and_any_id_or_mobile_number() {
        assertThat(Masking.text("与欧阳娜娜、张三面谈（身份证11010519491231002X，电话13812345678），张三同意。",
                List.of("张三", "欧阳娜娜")))
                .isEqualTo("与欧***、张*面谈（身份证1101**********002X，电话138****5678），张*同意。");
        // a longer name is masked before a shorter one it contains
        assertThat(Masking.text("张三丰与张三", List.of("张三", "张三丰"))).isEqualTo("张**与张*");
    }

    @Test
    void mobile_numbers_written_with_a_country_code_or_dashes_are_masked_too() {
        assertThat(Masking.text("电话+8615912345678或159-8765-4321、159 8765 4321", List.of()))
                .isEqualTo("电话+86*******5678或159******4321、159******4321");
    }

    @Test
    void free_text_leaves_what_is_not_personal_data() {
        assertThat(Masking.text("（2026）豫1202民特123号，面积120平方米，赔偿5000元", List.of("王")))
                .as("numbers that are no ID or mobile number, and one-character names").isEqualTo(
                        "（2026）豫1202民特123号，面积120平方米，赔偿5000元");
        assertThat(Masking.text("订单号 138123456789 与 21101051949123100 不是", List.of()))
                .as("longer or shorter digit runs").isEqualTo("订单号 138123456789 与 21101051949123100 不是");
        assertThat(Masking.text(null, List.of("张三"))).isNull();
    }

    @Test
    void missing_values_stay_missing() {
        assertThat(Masking.name(null)).isNull();
        assertThat(Masking.idNumber(null)).isNull();
        assertThat(Masking.phone(null)).isNull();
    }
}
