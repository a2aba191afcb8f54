package cn.sanling.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaseNumbersTest {

    @Test
    void case_number_is_county_year_and_six_digit_sequence() {
        assertThat(CaseNumbers.format("411202", 2026, 42)).isEqualTo("411202-2026-000042");
        assertThat(CaseNumbers.format("411202", 2026, 123456)).isEqualTo("411202-2026-123456");
    }
}
