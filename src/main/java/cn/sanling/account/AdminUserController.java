package cn.sanling.account;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.sanling.support.FieldChecks;
import cn.sanling.support.PageResult;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** User administration for ADMIN (the path is restricted to ADMIN by the security configuration). */
@RestController
@RequestMapping("/api/v1/admin/users")
class AdminUserController {

    private final AccountService accounts;

    AdminUserController(AccountService accounts) {
        this.accounts = accounts;
    }

    /**
     * Accounts by username, page by page: of a role, with {@code q} in the username or the name (any case), whose
     * scope starts with {@code regionCode}, in {@code state} LOCKED (a lockout holds now) or DISABLED.
     */
    @GetMapping
    PageResult<AccountService.UserView> list(@RequestParam(required = false) Role role,
            @RequestParam(required = false) String q, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) UserFilter.State state,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        FieldChecks.requirePaging(page, size, 200);
        return accounts.list(UserFilter.of(role, q, regionCode, state), page, size);
    }

    @GetMapping("/{id}")
    AccountService.UserView get(@PathVariable long id) {
        return accounts.get(id);
    }

    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    @PostMapping
    ResponseEntity<AccountService.UserView> create(Actor admin, @RequestBody AccountService.NewUser user) {
        AccountService.UserView created = accounts.create(admin, user);
        return ResponseEntity.created(URI.create("/api/v1/admin/users/" + created.id())).body(created);
    }

    @PatchMapping("/{id}")
    AccountService.UserView update(Actor admin, @PathVariable long id, @RequestBody AccountService.UserChange change) {
        return accounts.update(admin, id, change);
    }

    /** Ends the account's lockout after failed logins (no new password needed); the account as it is then. */
    @PostMapping("/{id}/unlock")
    AccountService.UserView unlock(Actor admin, @PathVariable long id) {
        return accounts.unlock(admin, id);
    }

    @ApiResponse(responseCode = "204", description = "Password set; the account's sessions and tokens end")
    @PostMapping("/{id}/password")
    ResponseEntity<Void> resetPassword(Actor admin, @PathVariable long id, @RequestBody PasswordReset body) {
        accounts.resetPassword(admin, id, body.password());
        return ResponseEntity.noContent().build();
    }

    record PasswordReset(String password) {
    }
}
