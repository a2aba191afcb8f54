package cn.sanling.dispute;

/** Risk flags a reporter ticks at intake. GROUP is also set when a case has 5 or more parties. */
public enum RiskFlag {
    /** 扬言报复 */
    THREAT,
    /** 持械 */
    WEAPON,
    /** 家暴 */
    DOMESTIC_VIOLENCE,
    /** 群体 (≥ 5 parties) */
    GROUP,
    /** 重复: a repeated dispute between the same parties */
    REPEATED,
    /** 自杀倾向 */
    SUICIDE
}
