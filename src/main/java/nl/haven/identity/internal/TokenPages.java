package nl.haven.identity.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.UnknownIdException;
import nl.haven.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A staff user's own API tokens, after a full log-in with the second factor: create one (shown once,
 * on the response page only), list them, revoke one. Another user's token id is unknown here, exactly
 * as an id that does not exist (404).
 */
@Controller
@RequestMapping("/account/tokens")
class TokenPages {
    static final int DEFAULT_DAYS = 90;

    private final IdentityManagement identity;
    private final UserStore users;
    private final Clock clock;

    TokenPages(IdentityManagement identity, UserStore users, Clock clock) {
        this.identity = identity;
        this.users = users;
        this.clock = clock;
    }

    /** The new-token form; the lifetime stays text so that a wrong value can be named in the message. */
    record TokenForm(@Nullable String name, @Nullable String expiresDays) {
        static TokenForm empty() {
            return new TokenForm("", String.valueOf(DEFAULT_DAYS));
        }
    }

    @GetMapping
    String list(Authentication authentication, Model model) {
        model.addAttribute("form", TokenForm.empty());
        return page(user(authentication), model);
    }

    @PostMapping
    String create(@ModelAttribute("form") TokenForm form, BindingResult errors, Authentication authentication, HttpServletResponse response,
            Model model) {
        UserId user = user(authentication);
        String days = form.expiresDays() == null ? "" : form.expiresDays().strip();
        if (!days.matches("\\d{1,3}") || Integer.parseInt(days) < 1 || Integer.parseInt(days) > IdentityManagement.MAX_TOKEN_DAYS) {
            errors.rejectValue("expiresDays", "tokens.error.days", new Object[] { days }, null);
        }
        String name = form.name() == null ? "" : form.name().strip();
        if (name.length() > IdentityManagement.MAX_TOKEN_NAME) {
            errors.rejectValue("name", "tokens.error.name", new Object[] { name.length() }, null);
        }
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(user, model);
        }
        IdentityManagement.NewApiToken token = identity.createApiToken(user, name, Integer.parseInt(days));
        model.addAttribute("token", token.token());
        model.addAttribute("expires", token.expires());
        model.addAttribute("name", name);
        return "identity/token-created";
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable String id, Authentication authentication, RedirectAttributes redirect, Locale locale) {
        UUID token;
        try {
            token = UUID.fromString(id);
        } catch (IllegalArgumentException malformed) {
            throw new UnknownIdException("token", "(malformed)");
        }
        boolean revoked = identity.revokeApiToken(user(authentication), token);
        redirect.addFlashAttribute("notice", revoked ? "tokens.done.revoked" : "tokens.done.alreadyRevoked");
        return "redirect:/account/tokens?lang=" + locale.getLanguage();
    }

    private String page(UserId user, Model model) {
        model.addAttribute("tokens", identity.apiTokensOf(user));
        model.addAttribute("now", clock.instant());
        model.addAttribute("maxDays", IdentityManagement.MAX_TOKEN_DAYS);
        model.addAttribute("maxName", IdentityManagement.MAX_TOKEN_NAME);
        return "identity/tokens";
    }

    /** The logged-in user, from the authenticated principal only. */
    private UserId user(Authentication authentication) {
        return users.byEmail(authentication.getName()).map(UserStore.Account::id)
                .orElseThrow(() -> new AccessDeniedException("the logged-in account no longer exists"));
    }
}
