package nl.haven.identity.internal;

import java.util.Locale;
import nl.haven.identity.UnknownIdException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A staff user's own passkeys, after a full log-in: the list, a new one (the WebAuthn ceremony runs in
 * the browser with Spring Security's script, against its endpoints {@code /webauthn/register…}), and
 * removal, which is a plain form and needs no JavaScript. Another user's passkey is unknown here,
 * exactly as an id that does not exist (404).
 */
@Controller
class PasskeyPages {
    private final PasskeyStore passkeys;
    private final UserCredentialRepository credentials;
    private final UserStore users;

    PasskeyPages(PasskeyStore passkeys, UserCredentialRepository credentials, UserStore users) {
        this.passkeys = passkeys;
        this.credentials = credentials;
        this.users = users;
    }

    @GetMapping("/account/passkeys")
    String list(Authentication authentication, Model model) {
        model.addAttribute("passkeys", passkeys.of(email(authentication)));
        return "identity/passkeys";
    }

    /** Where Spring Security's script goes after a registration: back to the list, with a notice. */
    @GetMapping("/webauthn/register")
    String registered(RedirectAttributes redirect, Locale locale) {
        redirect.addFlashAttribute("notice", "passkeys.done.registered");
        return "redirect:/account/passkeys?lang=" + locale.getLanguage();
    }

    @PostMapping("/account/passkeys/{id}/delete")
    String delete(@PathVariable String id, Authentication authentication, RedirectAttributes redirect, Locale locale) {
        PasskeyStore.Passkey passkey = passkeys.find(email(authentication), id).orElseThrow(() -> new UnknownIdException("passkey", "(unknown)"));
        credentials.delete(Bytes.fromBase64(passkey.id()));
        redirect.addFlashAttribute("notice", "passkeys.done.removed");
        return "redirect:/account/passkeys?lang=" + locale.getLanguage();
    }

    /** The logged-in user's e-mail address, from the authenticated principal only. */
    private String email(Authentication authentication) {
        return users.byEmail(authentication.getName()).map(UserStore.Account::email)
                .orElseThrow(() -> new AccessDeniedException("the logged-in account no longer exists"));
    }
}
