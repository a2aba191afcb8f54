package cn.sanling.region;

/** Tags a grid worker puts on a household (住户标签); they steer which households need closer attention. */
public enum HouseholdTag {
    /** 重点人员 */
    KEY_PERSON,
    /** 留守 (left-behind children or elderly) */
    LEFT_BEHIND,
    /** 独居老人 */
    ELDERLY_ALONE
}
