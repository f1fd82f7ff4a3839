package nl.haven.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.regex.Pattern;
import nl.haven.identity.IdentityManagement;
import nl.haven.shared.BadInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Unlock cases" (ADR 0006 step 7c): a passkey log-in proves who someone is but carries no secret that opens their case
 * access (Spring Security and the browsers' script do not pass the WebAuthn PRF extension on, ADR 0006 C.2), so a
 * session that needs a case and has no keys is sent here once, asked for the password, and the keys of the staff
 * member's grant are opened with it and kept in the session as a password log-in keeps them. After the second factor
 * only ({@code /account/**}); a wrong password counts like a failed log-in, per account and per client.
 */
@Controller
class UnlockPages {
    /** Where to go back to: a path of this site, never another host. */
    private static final Pattern LOCAL_PATH = Pattern.compile("/[A-Za-z0-9/_-]{0,200}");

    private final IdentityManagement identity;
    private final UserStore users;
    private final SessionKeys sessionKeys;
    private final LoginThrottle throttle;

    UnlockPages(IdentityManagement identity, UserStore users, SessionKeys sessionKeys, LoginThrottle throttle) {
        this.identity = identity;
        this.users = users;
        this.sessionKeys = sessionKeys;
        this.throttle = throttle;
    }

    static String local(@Nullable String next) {
        return next != null && LOCAL_PATH.matcher(next).matches() && !next.startsWith("//") ? next : "/staff";
    }

    @GetMapping("/account/unlock")
    String form(@RequestParam(required = false) @Nullable String next, Model model) {
        model.addAttribute("next", local(next));
        return "identity/unlock";
    }

    @PostMapping("/account/unlock")
    String unlock(@RequestParam(defaultValue = "") String password, @RequestParam(required = false) @Nullable String next,
            Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        if (password.isEmpty() && sessionKeys.carriesKeys(request)) {
            return "redirect:" + local(next) + "?lang=" + locale.getLanguage(); // unlocked already (or a password log-in)
        }
        // With a password, the keys are opened again even when the session carries some: after a rotation of the
        // organisation's keys (ADR 0006 C.10) a session's keys no longer open the re-wrapped cases, and the case page sends
        // its user here.
        UserStore.Account account = users.byEmail(authentication.getName())
                .orElseThrow(() -> new AccessDeniedException("the logged-in account no longer exists"));
        model.addAttribute("next", local(next));
        try {
            identity.checkPassword(account.id(), password);
        } catch (BadInputException wrong) {
            throttle.failed(request.getRemoteAddr());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problem", wrong.getMessage());
            return "identity/unlock";
        }
        if (!sessionKeys.unlocked(request, account, password)) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("problem", "account.unlock.noGrant");
            return "identity/unlock";
        }
        return "redirect:" + local(next) + "?lang=" + locale.getLanguage();
    }
}
