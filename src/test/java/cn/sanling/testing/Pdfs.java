package cn.sanling.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** A case document downloaded as a user (200, a PDF, a file name) and read back as text with PDFBox. */
public final class Pdfs {

    private Pdfs() {
    }

    /** The text of the PDF at {@code path}; kept for people to look at as target/documents/<user>-<document>.pdf. */
    public static String text(TestApi api, String user, String path) throws IOException, InterruptedException {
        String token = user.startsWith("t_") ? api.login(user, TestUsers.PASSWORD) : api.login(user);
        HttpRequest req = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .header("Authorization", "Bearer " + token).build();
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        String disposition = r.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(URLDecoder.decode(disposition.substring(disposition.indexOf("UTF-8''") + 7), StandardCharsets.UTF_8))
                .endsWith(".pdf");
        Path dir = Path.of("target", "documents");
        Files.createDirectories(dir);
        Files.write(dir.resolve(user + "-" + path.substring(path.lastIndexOf('/') + 1) + ".pdf"), r.body());
        try (PDDocument doc = Loader.loadPDF(r.body())) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
