package nl.haven.identity.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import nl.haven.identity.ChangeRefused;
import nl.haven.identity.OrganisationAdministration;
import nl.haven.identity.PublicLinks;
import nl.haven.identity.UnknownIdException;
import nl.haven.shared.UserId;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Four eyes for case access: a COORDINATOR's page of the case-reading roles an ADMIN asked for in their organisation,
 * to approve or refuse. An approved invitation's one-time activation link is shown here, to the coordinator only.
 * A grant id of another organisation, a nonexistent and a malformed one all end in the same 404.
 */
@Controller
@RequestMapping("/grants")
class GrantPages {
    private final OrganisationAdministration administration;
    private final UserStore users;
    private final PublicLinks links;
    private final Clock clock;

    GrantPages(OrganisationAdministration administration, UserStore users, PublicLinks links, Clock clock) {
        this.administration = administration;
        this.users = users;
        this.links = links;
        this.clock = clock;
    }

    @GetMapping
    String list(Authentication authentication, Model model) {
        return page(coordinator(authentication), model);
    }

    @PostMapping("/{id}/approve")
    String approve(@PathVariable String id, Authentication authentication, HttpServletResponse response, Model model,
            RedirectAttributes redirect, Locale locale) {
        UserId coordinator = coordinator(authentication);
        OrganisationAdministration.Outcome outcome;
        try {
            outcome = administration.approve(coordinator, grantId(id));
        } catch (ChangeRefused refused) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("problem", refused.messageKey());
            return page(coordinator, model);
        }
        if (outcome.invitation() != null) {
            model.addAttribute("heading", "grants.approved.heading");
            model.addAttribute("link", links.to("/activate/" + outcome.invitation().token()));
            model.addAttribute("expires", outcome.invitation().expires());
            model.addAttribute("back", "/grants");
            return "identity/admin-invited";
        }
        redirect.addFlashAttribute("notice", "grants.done.approved");
        return "redirect:/grants?lang=" + locale.getLanguage();
    }

    @PostMapping("/{id}/refuse")
    String refuse(@PathVariable String id, Authentication authentication, RedirectAttributes redirect, Locale locale) {
        administration.refuse(coordinator(authentication), grantId(id));
        redirect.addFlashAttribute("notice", "grants.done.refused");
        return "redirect:/grants?lang=" + locale.getLanguage();
    }

    /**
     * The coordinator's request holds the organisation's keys: they are sealed to the staff member's key pairs that wait
     * for them (ADR 0006 C.7). Without keys in the session (a passkey log-in not unlocked), the access advice refuses.
     */
    @PostMapping("/keys/{user}")
    String grantKeys(@PathVariable String user, Authentication authentication, HttpServletResponse response, Model model, RedirectAttributes redirect,
            Locale locale) {
        UserId coordinator = coordinator(authentication);
        UserId member;
        try {
            member = new UserId(UUID.fromString(user));
        } catch (IllegalArgumentException malformed) {
            throw new UnknownIdException("user", "(malformed)");
        }
        try {
            administration.grantKeys(coordinator, member);
        } catch (ChangeRefused refused) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("problem", refused.messageKey());
            return page(coordinator, model);
        }
        redirect.addFlashAttribute("notice", "grants.done.keys");
        return "redirect:/grants?lang=" + locale.getLanguage();
    }

    /** The organisation's recovery key: what it is for, and a button that makes a new one (ADR 0006 C.7). */
    @GetMapping("/recovery-key")
    String recoveryKeyForm(Authentication authentication, Model model) {
        model.addAttribute("hasKey", administration.hasRecoveryKey(coordinator(authentication)));
        return "identity/recovery-key";
    }

    /** A new recovery key from the keys this coordinator's session holds, shown once and never cached. */
    @PostMapping("/recovery-key")
    String newRecoveryKey(Authentication authentication, HttpServletResponse response, Model model) {
        String key = administration.newRecoveryKey(coordinator(authentication));
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("recoveryKey", key);
        return "identity/recovery-key-made";
    }

    /** The recovery key typed in: for a coordinator who holds no keys and cannot be given them by anyone else (ADR 0006 C.7). */
    @GetMapping("/recover")
    String recoverForm() {
        return "identity/recover";
    }

    /** The organisation's keys, opened with its recovery key, granted to this coordinator; their session then unlocks them with the password. */
    @PostMapping("/recover")
    String recover(@RequestParam(name = "recoveryKey", required = false) String recoveryKey,
            Authentication authentication, HttpServletResponse response, Model model, Locale locale) {
        boolean granted;
        try {
            granted = administration.recover(coordinator(authentication), recoveryKey);
        } catch (ChangeRefused refused) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("problem", refused.messageKey());
            return "identity/recover";
        }
        if (!granted) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problem", "recover.error.key");
            return "identity/recover";
        }
        return "redirect:/account/unlock?next=/grants&lang=" + locale.getLanguage();
    }

    private String page(UserId coordinator, Model model) {
        model.addAttribute("grants", administration.pendingGrants(coordinator));
        model.addAttribute("waitingKeys", administration.waitingForKeys(coordinator));
        model.addAttribute("self", coordinator.value());
        model.addAttribute("now", clock.instant());
        return "identity/grants";
    }

    private UserId coordinator(Authentication authentication) {
        return users.byEmail(authentication.getName()).map(UserStore.Account::id)
                .orElseThrow(() -> new AccessDeniedException("the logged-in account no longer exists"));
    }

    private static UUID grantId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException malformed) {
            throw new UnknownIdException("grant", "(malformed)");
        }
    }
}
