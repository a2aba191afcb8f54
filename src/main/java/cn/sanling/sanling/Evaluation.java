package cn.sanling.sanling;

import java.util.List;

/**
 * The 三零 evaluation of a region for a year (GET /api/v1/sanling): one row per child region and the share of
 * 三零 villages in the whole region.
 */
public record Evaluation(String regionCode, String regionName, int year, List<Child> children, int villages,
        int sanlingVillages, double sanlingShare) {

    /**
     * One child region: incident counts, {@code sanling} when all are zero, {@code atRisk} when a village in it has an
     * unresolved RED case, and the roll-up over its villages.
     */
    public record Child(String regionCode, String regionName, int petitions, int accidents, int criminalCases,
            int criminalFromDisputes, boolean sanling, boolean atRisk, int villages, int sanlingVillages,
            int atRiskVillages, double sanlingShare, List<Village> villageList) {
    }

    /** One village tile of the board. */
    public record Village(String code, String name, int petitions, int accidents, int criminalCases, boolean sanling,
            boolean atRisk) {
    }
}
