package cn.sanling.dispute;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.sanling.account.Actor;

/**
 * The statistics' finished-case counts for ADMIN (the path is restricted to ADMIN by the security configuration):
 * recount them from the cases after cases came into the database by other means than the application (an import
 * from an older register, a partial restore). The application keeps them exact itself.
 */
@RestController
@RequestMapping("/api/v1/admin/statistics")
class FinishedCountsAdminController {

    private final FinishedCaseCounts counts;

    FinishedCountsAdminController(FinishedCaseCounts counts) {
        this.counts = counts;
    }

    /** Replaces the counts with a recount of every finished case, in one transaction: {@code {rows}}. */
    @PostMapping("/recount")
    FinishedCaseCounts.Recount recount(Actor admin) {
        return counts.recount(admin);
    }
}
