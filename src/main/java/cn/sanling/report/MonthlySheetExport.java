package cn.sanling.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import cn.sanling.report.Statistics.Column;
import cn.sanling.report.Statistics.MonthlySheet;
import cn.sanling.report.Statistics.SheetRow;

/** Writes the monthly statistics sheet (one row per child region, 化解/未化解 per category) as .xlsx or .csv. */
final class MonthlySheetExport {

    private MonthlySheetExport() {
    }

    static String fileName(MonthlySheet s, LedgerFormat f) {
        return "月报表_" + s.regionName() + "_" + s.from().atZone(Period.ZONE).toLocalDate().toString().substring(0, 7)
                + "." + f.extension();
    }

    static String asciiFileName(MonthlySheet s, LedgerFormat f) {
        return "monthly-" + s.regionCode() + "-" + s.from().atZone(Period.ZONE).toLocalDate().toString().substring(0, 7)
                + "." + f.extension();
    }

    static void write(MonthlySheet s, LedgerFormat f, OutputStream out) throws IOException {
        List<String> header = new ArrayList<>(List.of("区划代码", "区域"));
        for (Column c : s.categories()) {
            header.add(c.name() + "·化解");
            header.add(c.name() + "·未化解");
        }
        header.addAll(List.of("合计", "化解", "未化解", "移送撤回等"));
        try (LedgerFormat.SheetWriter w = f.open(out, "月报表", header)) {
            for (SheetRow r : s.rows()) {
                w.row(cells(s, r));
            }
            w.row(cells(s, s.totals()));
        }
    }

    private static List<Object> cells(MonthlySheet s, SheetRow r) {
        List<Object> cells = new ArrayList<>(List.of(r.regionCode(), r.regionName()));
        for (Column c : s.categories()) {
            cells.add(r.cells().get(c.code()).resolved());
            cells.add(r.cells().get(c.code()).unresolved());
        }
        cells.add(r.total());
        cells.add(r.resolved());
        cells.add(r.unresolved());
        cells.add(r.ended());
        return cells;
    }
}
