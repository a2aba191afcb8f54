package cn.sanling.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The 人民调解委员会 that seals an agreement, by the usual name of its region. */
class CommitteeNameTest {

    @Test
    void a_village_committee_is_named_for_the_village_not_its_registered_committee() {
        assertThat(CaseDocuments.committeeOf("交口村村民委员会")).isEqualTo("交口村人民调解委员会");
        assertThat(CaseDocuments.committeeOf("华创社区居民委员会")).isEqualTo("华创社区人民调解委员会");
        assertThat(CaseDocuments.committeeOf("东关居民委员会")).isEqualTo("东关社区人民调解委员会");
        assertThat(CaseDocuments.committeeOf("南沟村民委员会")).isEqualTo("南沟村人民调解委员会");
    }

    @Test
    void a_township_or_county_keeps_its_name() {
        assertThat(CaseDocuments.committeeOf("交口乡")).isEqualTo("交口乡人民调解委员会");
        assertThat(CaseDocuments.committeeOf("湖滨区")).isEqualTo("湖滨区人民调解委员会");
    }
}
