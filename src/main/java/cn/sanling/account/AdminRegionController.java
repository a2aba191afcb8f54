package cn.sanling.account;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Region import for ADMIN (the path is restricted to ADMIN by the security configuration). */
@RestController
@RequestMapping("/api/v1/admin/regions")
class AdminRegionController {

    private final RegionAdministration regions;

    AdminRegionController(RegionAdministration regions) {
        this.regions = regions;
    }

    /**
     * A CSV body ({@code Content-Type: text/csv}; {@code code,name,level,parent_code}, UTF-8 or GB18030) →
     * {@code {rows, added, renamed, unchanged, gridsAdded, gridsRenamed}}; a file with faults → 400 listing them
     * by line, nothing written. Sending the same file again changes nothing. The body is bounded by
     * {@code sanling.api.max-import-size} (support/BodySizeLimit, 413 above it).
     */
    @PostMapping(path = "/import", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    RegionAdministration.ImportResult importCsv(Actor admin, @RequestBody(required = false) byte[] csv) {
        return regions.importCsv(admin, csv);
    }
}
