package cn.sanling.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GB 11643 ID numbers: length, digits, birth date and the MOD 11-2 check character. */
class IdNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002X", "11010519491231002x", "440524198001010013", "411202198505051231"})
    void valid_numbers_pass(String id) {
        assertThat(IdNumber.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"110105194912310021", "11010519491231002", "1101051949123100291", "11010519491331002X",
            "A10105194912310029", "110105300012310025", "440524188001010014", ""})
    void invalid_numbers_fail(String id) {
        assertThat(IdNumber.isValid(id)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void a_refusal_says_what_is_wrong() {
        assertThat(IdNumber.problem("11010519491231002")).isEqualTo(IdNumber.NOT_18);
        assertThat(IdNumber.problem("abc")).isEqualTo(IdNumber.NOT_18);
        assertThat(IdNumber.problem("11010519491231002Y")).isEqualTo(IdNumber.NOT_18);
        assertThat(IdNumber.problem("11010519491341002X")).isEqualTo(IdNumber.NO_BIRTH_DATE);
        assertThat(IdNumber.problem("110105194912310021")).isEqualTo(IdNumber.CHECK_DIGIT);
        assertThat(IdNumber.problem("11010519491231002x")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002", "41120219800101123"})
    void check_digit_completes_a_valid_number(String first17) {
        assertThat(IdNumber.isValid(first17 + IdNumber.checkDigit(first17))).isTrue();
    }
}
