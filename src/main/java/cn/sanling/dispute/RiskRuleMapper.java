package cn.sanling.dispute;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;

/**
 * The risk_rule table, read on every intake. Its rows change only by hand (SQL or a migration), so its XML gives it
 * a MyBatis cache of its own that is dropped every minute: a rule change reaches every node within a minute, and an
 * intake runs one statement fewer. In a namespace of its own because MyBatis empties a namespace's cache on every
 * write through it (DisputeMapper writes on every action).
 */
@Mapper
interface RiskRuleMapper {

    /** Every rule, in id order. The list is shared by the cache: read it, never change it. */
    List<RiskRules.Rule> all();
}
