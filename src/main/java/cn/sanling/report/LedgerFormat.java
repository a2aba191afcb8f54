package cn.sanling.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** The file formats of the 台账 export, each a writer that streams rows straight to the response. */
public enum LedgerFormat {
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    CSV("text/csv;charset=UTF-8", "csv");

    private final String contentType;
    private final String extension;

    LedgerFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /** A writer of a sheet titled {@code title} with {@code header} to {@code out}. */
    SheetWriter open(OutputStream out, String title, List<String> header) throws IOException {
        return this == XLSX ? new XlsxSheetWriter(out, title, header) : new CsvSheetWriter(out, header);
    }

    /** Rows of text cells in, a file out; {@link #close()} finishes the file (not the response stream). */
    interface SheetWriter extends AutoCloseable {

        void row(List<?> cells) throws IOException;

        @Override
        void close() throws IOException;
    }
}
