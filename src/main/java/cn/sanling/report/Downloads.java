package cn.sanling.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import cn.sanling.account.Actor;

/** Headers of a file download: attachment with the Chinese file name per RFC 6266 / RFC 5987, never cached. */
final class Downloads {

    private Downloads() {
    }

    static void attachment(HttpServletResponse res, String contentType, String fileName, String asciiFallback) {
        res.setContentType(contentType);
        res.setHeader("Content-Disposition", contentDisposition(fileName, asciiFallback));
        res.setHeader("Cache-Control", "no-store");
        res.setHeader("X-Content-Type-Options", "nosniff");
    }

    /**
     * The 台账 as an attachment, for the API and the dashboard alike: checked and audited by {@code prepare}, then
     * streamed, its place among the running exports held until it is written (or fails).
     */
    static void ledger(LedgerService ledger, Actor actor, String format, String regionCode, String from, String to,
            HttpServletResponse res) throws IOException {
        try (LedgerService.Export export = ledger.prepare(actor, format, regionCode, from, to)) {
            attachment(res, export.format().contentType(), export.fileName(), export.asciiFileName());
            ledger.write(actor, export, res.getOutputStream());
        }
    }

    static String contentDisposition(String fileName, String asciiFallback) {
        return "attachment; filename=\"" + asciiFallback.replaceAll("[^A-Za-z0-9._-]", "_") + "\"; filename*=UTF-8''"
                + rfc5987(fileName);
    }

    /** Percent-encodes everything but RFC 5987 attr-chars. */
    static String rfc5987(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }
}
