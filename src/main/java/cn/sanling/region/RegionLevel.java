package cn.sanling.region;

/** Levels of the region tree, recognised by the length of the code. A grid is a village code plus 3 digits. */
public enum RegionLevel {
    PROVINCE(2), CITY(4), COUNTY(6), TOWNSHIP(9), VILLAGE(12), GRID(15);

    private final int digits;

    RegionLevel(int digits) {
        this.digits = digits;
    }

    public int digits() {
        return digits;
    }

    /** The level of a well-formed code, or null if the code is not 2/4/6/9/12/15 digits. */
    public static RegionLevel ofCode(String code) {
        if (code == null || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        for (RegionLevel level : values()) {
            if (level.digits == code.length()) {
                return level;
            }
        }
        return null;
    }

    /**
     * The region of a report row at a depth of {@code digits}: the code's first digits. Rows counted for a city's or
     * the province's children come per county (ScopeSql.childCode) and are added up under this code.
     */
    public static String cut(String code, int digits) {
        return code.length() > digits ? code.substring(0, digits) : code;
    }

    /** The ancestor of {@code code} at this level (its prefix), or null if the code is shallower. */
    public String prefixOf(String code) {
        return code != null && code.length() >= digits ? code.substring(0, digits) : null;
    }
}
