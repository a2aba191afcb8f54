package cn.sanling.support;

import static org.assertj.core.api.Assertions.assertThat;

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
    void missing_values_stay_missing() {
        assertThat(Masking.name(null)).isNull();
        assertThat(Masking.idNumber(null)).isNull();
        assertThat(Masking.phone(null)).isNull();
    }
}
