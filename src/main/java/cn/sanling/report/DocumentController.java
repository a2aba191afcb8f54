package cn.sanling.report;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.sanling.account.Actor;
import cn.sanling.support.ProblemException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * Case documents and 司法确认. PDFs under the API (bearer token) and under /case-files (the web session, for the case
 * page's download links); access follows the case (404 outside scope).
 */
@RestController
class DocumentController {

    private final CaseDocuments documents;
    private final JudicialConfirmationService confirmations;

    DocumentController(CaseDocuments documents, JudicialConfirmationService confirmations) {
        this.documents = documents;
        this.confirmations = confirmations;
    }

    @ApiResponse(responseCode = "200", description = "调解协议书",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    @GetMapping({"/api/v1/disputes/{id}/documents/agreement", "/case-files/{id}/agreement.pdf"})
    ResponseEntity<byte[]> agreement(Actor actor, @PathVariable long id) {
        return pdf(documents.agreement(actor, id), "调解协议书_" + id + ".pdf", "agreement-" + id + ".pdf");
    }

    @ApiResponse(responseCode = "200", description = "卷宗",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    @GetMapping({"/api/v1/disputes/{id}/documents/dossier", "/case-files/{id}/dossier.pdf"})
    ResponseEntity<byte[]> dossier(Actor actor, @PathVariable long id) {
        return pdf(documents.dossier(actor, id), "卷宗_" + id + ".pdf", "dossier-" + id + ".pdf");
    }

    /** {@code {items:[judicial confirmation]}} */
    @GetMapping("/api/v1/disputes/{id}/judicial-confirmation")
    Map<String, List<JudicialConfirmation>> list(Actor actor, @PathVariable long id) {
        return Map.of("items", confirmations.list(actor, id));
    }

    /** One application (what a 201's Location names). */
    @GetMapping("/api/v1/disputes/{id}/judicial-confirmation/{cid}")
    JudicialConfirmation get(Actor actor, @PathVariable long id, @PathVariable long cid) {
        return confirmations.list(actor, id).stream().filter(j -> j.id() == cid).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Judicial confirmation " + cid));
    }

    /** Records an application: 201 with Location. */
    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    @PostMapping("/api/v1/disputes/{id}/judicial-confirmation")
    ResponseEntity<JudicialConfirmation> apply(Actor actor, @PathVariable long id,
            @RequestBody JudicialConfirmation.Application body) {
        JudicialConfirmation jc = confirmations.apply(actor, id, body);
        return ResponseEntity.created(URI.create("/api/v1/disputes/" + id + "/judicial-confirmation/" + jc.id()))
                .body(jc);
    }

    /** Records the court's answer (once). */
    @PostMapping("/api/v1/disputes/{id}/judicial-confirmation/{cid}/result")
    JudicialConfirmation result(Actor actor, @PathVariable long id, @PathVariable long cid,
            @RequestBody JudicialConfirmation.Result body) {
        return confirmations.result(actor, id, cid, body);
    }

    private static ResponseEntity<byte[]> pdf(byte[] body, String name, String ascii) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition(name, ascii)).body(body);
    }
}
