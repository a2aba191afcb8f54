package cn.sanling.account;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.sanling.region.Region;
import cn.sanling.region.RegionLevel;
import cn.sanling.region.RegionService;

@RestController
class MeController {

    private final RegionService regions;
    private final AccountService accounts;

    MeController(RegionService regions, AccountService accounts) {
        this.regions = regions;
        this.accounts = accounts;
    }

    /** {@code {username, displayName, roles:[..], regionCode, regionName, level}} */
    @GetMapping("/api/v1/me")
    Me me(Actor actor) {
        String regionName = actor.regionCode() == null ? null
                : regions.find(actor.regionCode()).map(this::fullName).orElse(null);
        return new Me(actor.username(), actor.displayName(), List.of(actor.role().name()), actor.regionCode(), regionName,
                actor.level());
    }

    /**
     * {@code {currentPassword, newPassword}} → 204: the caller's own password (the policy applies). 400 names the
     * field at fault; a wrong current password counts as a failed login; 423 while the account is locked.
     */
    @PostMapping("/api/v1/me/password")
    ResponseEntity<Void> changePassword(Actor actor, @RequestBody(required = false) PasswordChange body) {
        accounts.changeOwnPassword(actor, body == null ? null : body.currentPassword(),
                body == null ? null : body.newPassword());
        return ResponseEntity.noContent().build();
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    /** A grid is named with its village: 交口村村民委员会 第1网格. */
    private String fullName(Region r) {
        if (r.level() != RegionLevel.GRID) {
            return r.name();
        }
        return regions.find(r.parentCode()).map(v -> v.name() + " " + r.name()).orElse(r.name());
    }

    /** Every member is always present (null for system-wide accounts), as SPEC §7 lists them. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Me(String username, String displayName, List<String> roles, String regionCode, String regionName,
            RegionLevel level) {
    }
}
