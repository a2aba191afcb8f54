package cn.sanling.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * .xlsx through POI's streaming SXSSF: only a window of 100 rows stays in memory, older rows go to a compressed
 * temporary file, and the workbook is zipped straight into the response at the end.
 */
final class XlsxSheetWriter implements LedgerFormat.SheetWriter {

    /** Excel's limit; a larger export continues on a new sheet. */
    private static final int MAX_ROWS = 1_048_576;

    private final OutputStream out;
    private final SXSSFWorkbook workbook;
    private final String title;
    private final List<String> header;
    private final CellStyle headerStyle;
    private SXSSFSheet sheet;
    private int sheets;
    private int rowIndex;

    XlsxSheetWriter(OutputStream out, String title, List<String> header) {
        this.out = out;
        this.title = title;
        this.header = header;
        this.workbook = new SXSSFWorkbook(100);
        workbook.setCompressTempFiles(true);
        Font bold = workbook.createFont();
        bold.setBold(true);
        headerStyle = workbook.createCellStyle();
        headerStyle.setFont(bold);
        newSheet();
    }

    private void newSheet() {
        sheets++;
        sheet = workbook.createSheet(sheets == 1 ? title : title + " (" + sheets + ")");
        rowIndex = 0;
        Row r = sheet.createRow(rowIndex++);
        for (int i = 0; i < header.size(); i++) {
            r.createCell(i).setCellValue(header.get(i));
            r.getCell(i).setCellStyle(headerStyle);
            sheet.setColumnWidth(i, 14 * 256);
        }
        sheet.createFreezePane(0, 1);
    }

    @Override
    public void row(List<?> cells) {
        if (rowIndex >= MAX_ROWS) {
            newSheet();
        }
        Row r = sheet.createRow(rowIndex++);
        for (int i = 0; i < cells.size(); i++) {
            Object v = cells.get(i);
            if (v instanceof Number n) {
                r.createCell(i).setCellValue(n.doubleValue());
            } else if (v != null) {
                r.createCell(i).setCellValue(v.toString());
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            workbook.write(out);
            out.flush();
        } finally {
            workbook.close();
            workbook.dispose();
        }
    }
}
