package nl.haven.identity.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import nl.haven.identity.IdentityManagement;
import nl.haven.shared.BadInputException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A logged-in user changes their own password ({@code /account/password}, after the second factor). A session alone
 * is not enough: the current password and a current code from the authenticator app (or a recovery code) must be
 * given as well, so that someone at an unlocked screen, or holding a stolen session, cannot take the account over.
 * Every staff account has a TOTP second factor (passkeys are added only after a TOTP log-in), so the code is asked
 * of passkey users too.
 */
@Controller
class PasswordPages {
    private final IdentityManagement identity;
    private final UserStore users;

    PasswordPages(IdentityManagement identity, UserStore users) {
        this.identity = identity;
        this.users = users;
    }

    @GetMapping("/account/password")
    String form() {
        return "identity/password";
    }

    @PostMapping("/account/password")
    String change(@RequestParam(defaultValue = "") String currentPassword, @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String repeat, Authentication authentication,
            HttpServletResponse response, Model model, RedirectAttributes redirect, Locale locale) {
        UserStore.Account account = users.byEmail(authentication.getName())
                .orElseThrow(() -> new AccessDeniedException("the logged-in account no longer exists"));
        if (!password.equals(repeat)) {
            return refused(response, model, "repeat", "password.mismatch");
        }
        try {
            identity.changePassword(account.id(), currentPassword, code, password);
        } catch (BadInputException e) {
            return refused(response, model, e.field(), e.getMessage());
        }
        redirect.addFlashAttribute("notice", "account.password.changed");
        return "redirect:/account/password?lang=" + locale.getLanguage();
    }

    private static String refused(HttpServletResponse response, Model model, String field, String messageKey) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("problemField", field);
        model.addAttribute("problem", messageKey);
        return "identity/password";
    }
}
