package nl.haven.identity.internal;

import java.util.Locale;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A logged-in staff member chooses how Haven's e-mail notifications reach them ({@code /account/notifications}): a mail
 * at once, or one daily digest. The page says when mail is not configured at all.
 */
@Controller
class MailPreferencePages {
    private final UserStore users;
    private final MailNotifier notifier;

    MailPreferencePages(UserStore users, MailNotifier notifier) {
        this.users = users;
        this.notifier = notifier;
    }

    @GetMapping("/account/notifications")
    String form(Authentication authentication, Model model) {
        model.addAttribute("digest", users.mailDigest(account(authentication).id()));
        model.addAttribute("mailConfigured", notifier.configured());
        return "identity/notifications";
    }

    @PostMapping("/account/notifications")
    String choose(@RequestParam(defaultValue = "immediate") String delivery, Authentication authentication, RedirectAttributes redirect,
            Locale locale) {
        users.setMailDigest(account(authentication).id(), "digest".equals(delivery));
        redirect.addFlashAttribute("notice", "account.notifications.saved");
        return "redirect:/account/notifications?lang=" + locale.getLanguage();
    }

    private UserStore.Account account(Authentication authentication) {
        return users.byEmail(authentication.getName()).orElseThrow(() -> new AccessDeniedException("the logged-in account no longer exists"));
    }
}
