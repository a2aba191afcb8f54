package cn.sanling.dispute;

import java.util.Collection;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * 风险研判: the case's risk is the highest level of all matching rows of the risk_rule table (BLUE if none).
 * The rules are data, so a county can tune them without a release; a change is read within a minute (the rules
 * are cached, see {@link RiskRuleMapper}).
 */
@Component
class RiskRules {

    private final RiskRuleMapper mapper;

    RiskRules(RiskRuleMapper mapper) {
        this.mapper = mapper;
    }

    RiskLevel grade(String categoryCode, String subCategoryCode, CaseSource source, Collection<RiskFlag> flags) {
        return grade(mapper.all(), categoryCode, subCategoryCode, source, flags);
    }

    static RiskLevel grade(List<Rule> rules, String categoryCode, String subCategoryCode, CaseSource source,
            Collection<RiskFlag> flags) {
        RiskLevel level = RiskLevel.BLUE;
        for (Rule rule : rules) {
            boolean matches = switch (rule.kind()) {
                case "FLAG" -> flags.stream().anyMatch(f -> f.name().equals(rule.matchValue()));
                case "CATEGORY" -> rule.matchValue().equals(categoryCode);
                case "SUB_CATEGORY" -> rule.matchValue().equals(subCategoryCode);
                case "SOURCE" -> source != null && rule.matchValue().equals(source.name());
                default -> false;
            };
            if (matches) {
                level = level.max(rule.riskLevel());
            }
        }
        return level;
    }

    /** One row of risk_rule. */
    record Rule(String kind, String matchValue, RiskLevel riskLevel) {
    }
}
