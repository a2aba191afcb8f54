package cn.sanling.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 4180 CSV in UTF-8 with a byte-order mark (so Excel opens Chinese text correctly), CRLF line ends. A cell that
 * starts like a formula is prefixed with an apostrophe so a spreadsheet never evaluates user input (CSV injection).
 */
final class CsvSheetWriter implements LedgerFormat.SheetWriter {

    private final BufferedWriter out;

    CsvSheetWriter(OutputStream stream, List<String> header) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        out.write('\uFEFF');
        row(header);
    }

    /** A row is put together here and handed to the writer whole (one locked write per row, not one per cell). */
    private final StringBuilder line = new StringBuilder(1024);

    @Override
    public void row(List<?> cells) throws IOException {
        line.setLength(0);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(escape(cells.get(i)));
        }
        line.append("\r\n");
        out.append(line);
    }

    static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!s.isEmpty() && !(value instanceof Number) && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
