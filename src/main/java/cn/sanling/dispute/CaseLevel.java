package cn.sanling.dispute;

import cn.sanling.region.RegionLevel;

/** The level handling a case: village → township → county (调解层级). */
public enum CaseLevel {
    VILLAGE(RegionLevel.VILLAGE), TOWNSHIP(RegionLevel.TOWNSHIP), COUNTY(RegionLevel.COUNTY);

    private final RegionLevel regionLevel;

    CaseLevel(RegionLevel regionLevel) {
        this.regionLevel = regionLevel;
    }

    public RegionLevel regionLevel() {
        return regionLevel;
    }

    /** The next level up, or null at COUNTY (which resolves or refers). */
    public CaseLevel next() {
        return this == COUNTY ? null : values()[ordinal() + 1];
    }

    /** The code of the region handling a case of this village at this level (a prefix of the village code). */
    public String handlingRegion(String villageCode) {
        return regionLevel.prefixOf(villageCode);
    }

    public static CaseLevel of(RegionLevel level) {
        for (CaseLevel l : values()) {
            if (l.regionLevel == level) {
                return l;
            }
        }
        return null;
    }
}
