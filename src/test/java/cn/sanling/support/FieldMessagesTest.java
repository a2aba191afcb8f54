package cn.sanling.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;

import cn.sanling.dispute.IdNumber;
import cn.sanling.testing.SanlingIntegrationTest;

/** The forms' refusals in the user's language: labels by field, and the services' English messages translated. */
@SanlingIntegrationTest
class FieldMessagesTest {

    @Autowired
    FieldMessages messages;

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a hazard needs its category", "reportDispute needs hazard: true",
            "the campaign does not cover this grid on the day of the visit", "must not be before startsOn",
            "a campaign runs at most a year", "between 1 and 99", "must be between 1 and 10",
            "not a sub-category of DEBT", IdNumber.NOT_18, IdNumber.NO_BIRTH_DATE, IdNumber.CHECK_DIGIT})
    void the_visit_campaign_household_and_party_messages_are_translated(String english) {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(messages.message(english)).doesNotStartWith("此项有误").doesNotContain(english);
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(messages.message(english)).doesNotStartWith("Not valid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3-64 letters, digits, '_', '.', '-'", "required, at most 100 characters",
            "must be at least 10 characters", "must mix at least 3 of: upper case, lower case, digits, symbols",
            "must not contain the username", "must be empty for role ADMIN", "unknown region or grid",
            "MEDIATOR cannot be attached to a GRID", "Username gw_x is taken", "2, 4, 6, 9, 12 or 15 digits",
            "a code of 6 digits is a COUNTY", "parent 410704 is neither in the file nor known", "also on line 4",
            "must be the code's first 6 digits (410702)", "4 columns: code,name,level,parent_code",
            "the case is at this level already", "outside your area"})
    void the_account_region_import_and_reassign_messages_are_translated(String english) {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(messages.message(english)).doesNotStartWith("此项有误").doesNotContain(english);
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(messages.message(english)).doesNotStartWith("Not valid");
    }

    @Test
    void each_id_number_problem_says_what_is_wrong() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(messages.message(IdNumber.NOT_18)).contains("18 位");
        assertThat(messages.message(IdNumber.NO_BIRTH_DATE)).contains("出生日期");
        assertThat(messages.message(IdNumber.CHECK_DIGIT)).contains("校验位");
    }

    @Test
    void a_field_is_labelled_for_its_list_where_that_differs() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(messages.line("name", "required")).isEqualTo("名称：此项必填");
        assertThat(messages.line("parties[0].name", "required")).isEqualTo("当事人 1 姓名：此项必填");
        assertThat(messages.line("reportDispute.parties[1].idNumber", IdNumber.NOT_18)).startsWith("当事人 2 身份证号：");
        assertThat(messages.line("subCategoryCode", "not a sub-category of DEBT"))
                .isEqualTo("具体类型：不属于所选的纠纷类别");
        assertThat(messages.line("members", "between 1 and 99")).endsWith("须在 1 到 99 之间");
    }
}
