package cn.sanling.workflow;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import cn.sanling.account.Actor;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The process diagram of a case: {@code GET /api/v1/disputes/{id}/diagram} (bearer token) and
 * {@code /case-files/{id}/diagram.svg} (the web session, for the case page).
 */
@RestController
class DiagramController {

    private static final MediaType SVG = MediaType.parseMediaType("image/svg+xml;charset=UTF-8");

    private final ProcessDiagram diagrams;

    DiagramController(ProcessDiagram diagrams) {
        this.diagrams = diagrams;
    }

    @ApiResponse(responseCode = "200", description = "The process diagram, the current step outlined",
            content = @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string")))
    @GetMapping({"/api/v1/disputes/{id}/diagram", "/case-files/{id}/diagram.svg"})
    ResponseEntity<String> diagram(Actor actor, @PathVariable long id) {
        return ResponseEntity.ok().contentType(SVG).cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .body(diagrams.svg(actor, id));
    }
}
