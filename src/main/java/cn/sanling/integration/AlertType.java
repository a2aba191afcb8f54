package cn.sanling.integration;

import java.util.List;

/**
 * The kinds of 110 alert (警情类别) the platform pushes, and the case classification each becomes. Domestic violence
 * also ticks the 家暴 flag, which the risk rules grade at least ORANGE.
 */
enum AlertType {
    /** 家庭暴力 */
    DOMESTIC_VIOLENCE("FAMILY", "FAMILY_DOMESTIC_VIOLENCE", List.of("DOMESTIC_VIOLENCE"), "家庭暴力"),
    /** 婚姻家庭 */
    MARRIAGE_FAMILY("FAMILY", "FAMILY_MARRIAGE", List.of(), "婚姻家庭纠纷"),
    /** 邻里 */
    NEIGHBOUR("NEIGHBOUR", null, List.of(), "邻里纠纷"),
    /** 债务 */
    DEBT("DEBT", null, List.of(), "债务纠纷"),
    /** 其他 */
    OTHER("OTHER", null, List.of(), "其他纠纷");

    final String categoryCode;
    final String subCategoryCode;
    final List<String> riskFlags;
    final String label;

    AlertType(String categoryCode, String subCategoryCode, List<String> riskFlags, String label) {
        this.categoryCode = categoryCode;
        this.subCategoryCode = subCategoryCode;
        this.riskFlags = riskFlags;
        this.label = label;
    }
}
