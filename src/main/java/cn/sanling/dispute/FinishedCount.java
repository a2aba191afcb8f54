package cn.sanling.dispute;

/**
 * Finished cases of a county and month of report with one value of one dimension (a row of
 * {@code finished_case_count}, or a sum of such rows). The measures are kept on {@link #STATUS} rows only.
 */
public record FinishedCount(String countyCode, String month, String dimension, String value, long cases,
        long accepted, long resolvedOnTime, long overdue, long everOverdue, long supervised, long resolveSeconds,
        long resolveCount) {

    public static final String STATUS = "STATUS";
    public static final String LEVEL = "LEVEL";
    public static final String CATEGORY = "CATEGORY";
    public static final String SOURCE = "SOURCE";

    /** A row that only counts cases (LEVEL, CATEGORY, SOURCE). */
    static FinishedCount cases(String countyCode, String month, String dimension, String value, long cases) {
        return new FinishedCount(countyCode, month, dimension, value, cases, 0, 0, 0, 0, 0, 0, 0);
    }
}
