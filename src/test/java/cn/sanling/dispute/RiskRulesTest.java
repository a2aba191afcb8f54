package cn.sanling.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The risk grading rule: the highest level of all matching rows, BLUE if none. */
class RiskRulesTest {

    private static final List<RiskRules.Rule> RULES = List.of(
            new RiskRules.Rule("FLAG", "THREAT", RiskLevel.RED),
            new RiskRules.Rule("FLAG", "DOMESTIC_VIOLENCE", RiskLevel.ORANGE),
            new RiskRules.Rule("SUB_CATEGORY", "FAMILY_DOMESTIC_VIOLENCE", RiskLevel.ORANGE),
            new RiskRules.Rule("CATEGORY", "EMOTIONAL", RiskLevel.YELLOW),
            new RiskRules.Rule("SOURCE", "POLICE_110", RiskLevel.YELLOW));

    @Test
    void nothing_matching_is_blue() {
        assertThat(RiskRules.grade(RULES, "NEIGHBOUR", null, CaseSource.VISIT, Set.of())).isEqualTo(RiskLevel.BLUE);
    }

    @Test
    void the_highest_matching_rule_wins() {
        assertThat(RiskRules.grade(RULES, "EMOTIONAL", null, CaseSource.POLICE_110, Set.of(RiskFlag.THREAT)))
                .isEqualTo(RiskLevel.RED);
        assertThat(RiskRules.grade(RULES, "EMOTIONAL", null, CaseSource.VISIT, Set.of())).isEqualTo(RiskLevel.YELLOW);
    }

    @Test
    void domestic_violence_by_flag_or_sub_category_is_at_least_orange() {
        assertThat(RiskRules.grade(RULES, "FAMILY", "FAMILY_DOMESTIC_VIOLENCE", CaseSource.VISIT, Set.of()))
                .isEqualTo(RiskLevel.ORANGE);
        assertThat(RiskRules.grade(RULES, "FAMILY", null, CaseSource.VISIT, Set.of(RiskFlag.DOMESTIC_VIOLENCE)))
                .isEqualTo(RiskLevel.ORANGE);
    }
}
