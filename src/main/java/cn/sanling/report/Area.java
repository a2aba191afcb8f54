package cn.sanling.report;

import java.util.List;

/**
 * A requested region as the report queries match it: its code, and for a city or the province the codes of its
 * counties (null below a city). With the counties a period is one index range per county on
 * (county_code, reported_at, ...), so a city's year costs its cases of that year, not every year's (V11).
 */
record Area(String code, List<String> counties) {
}
