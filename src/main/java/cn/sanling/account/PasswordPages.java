package cn.sanling.account;

import java.time.Instant;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.sanling.support.ProblemException;
import cn.sanling.support.WebPage;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/** Every user's own password (/account/password): the current one, the new one twice. */
@WebPage
class PasswordPages {

    private final AccountService accounts;

    PasswordPages(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/account/password")
    String form() {
        return "account/password";
    }

    @PostMapping("/account/password")
    String change(Actor actor, @RequestParam(required = false) String currentPassword,
            @RequestParam(required = false) String newPassword, @RequestParam(required = false) String confirmPassword,
            Model model, HttpSession session, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            if (newPassword != null && !newPassword.isEmpty() && !newPassword.equals(confirmPassword)) {
                throw ProblemException.badRequest("confirmPassword", "does not match the new password");
            }
            accounts.changeOwnPassword(actor, currentPassword, newPassword);
            // this browser proved the new password: it stays signed in, the account's other sessions end
            SessionActorRefresh.markSignedIn(session, Instant.now());
            redirect.addFlashAttribute("notice", "passwordChanged");
            return "redirect:/account/password";
        } catch (ProblemException e) {
            if (e.status() != HttpStatus.BAD_REQUEST && e.status() != HttpStatus.LOCKED) {
                throw e;
            }
            response.setStatus(e.status().value());
            Map<String, String> errors = e.errorsByField();
            if (errors.isEmpty()) {
                errors.put("currentPassword", e.getMessage());
            }
            model.addAttribute("errors", errors);
            return "account/password";
        }
    }
}
