package nl.haven.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import nl.haven.identity.ChangeRefused;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.OrganisationAdministration;
import nl.haven.identity.PublicLinks;
import nl.haven.identity.UnknownIdException;
import nl.haven.shared.Confirmation;
import nl.haven.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The organisation ADMIN's pages: the organisation's users, invitations, deactivation and
 * reactivation, role changes and second-factor resets. The organisation is always the logged-in
 * administrator's own ({@link OrganisationAdministration} reads it from the account, never from the
 * request). A user id of another organisation, a nonexistent id and a malformed one all end in the
 * same 404 page. Links and tokens are shown once, on the response page, and never put in a session.
 */
@Controller
@RequestMapping("/admin/users")
class AdminPages {
    private final OrganisationAdministration administration;
    private final UserStore users;
    private final PublicLinks links;
    private final Clock clock;
    private final MessageSource messages;

    AdminPages(OrganisationAdministration administration, UserStore users, PublicLinks links, Clock clock, MessageSource messages) {
        this.administration = administration;
        this.users = users;
        this.links = links;
        this.clock = clock;
        this.messages = messages;
    }

    /** The invitation form. {@code toString} leaves out the e-mail address and the name. */
    record InviteForm(@Nullable String email, @Nullable String displayName, @Nullable String role) {
        static InviteForm empty() {
            return new InviteForm("", "", "CASEWORKER");
        }

        @Override
        public String toString() {
            return "InviteForm[" + role + "]";
        }
    }

    @GetMapping
    String list(Authentication authentication, Model model) {
        model.addAttribute("form", InviteForm.empty());
        return page(admin(authentication), model);
    }

    @PostMapping
    String invite(@ModelAttribute("form") InviteForm form, BindingResult errors, Authentication authentication, HttpServletRequest request,
            HttpServletResponse response, Model model, RedirectAttributes redirect, Locale locale) {
        UserId admin = admin(authentication);
        OrganisationAdministration.Outcome invitation;
        try {
            invitation = administration.invite(admin, form.email(), form.role(), form.displayName());
        } catch (ChangeRefused refused) {
            String field = refused.formField() == null ? "email" : refused.formField();
            Object value = switch (field) {
                case "role" -> form.role();
                case "displayName" -> form.displayName() == null ? 0 : form.displayName().strip().length();
                default -> form.email();
            };
            errors.rejectValue(field, refused.messageKey(), new Object[] { value == null ? "" : value }, null);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(admin, model);
        } catch (DuplicateKeyException sameAddressAtTheSameMoment) {
            errors.rejectValue("email", "admin.error.emailTaken", new Object[] { form.email() }, null);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(admin, model);
        }
        if (invitation.invitation() == null) {
            // A case-reading role: no link for the administrator; a coordinator approves and receives it.
            redirect.addFlashAttribute("notice", "admin.done.invitedAwaitingApproval");
            return "redirect:/admin/users?lang=" + locale.getLanguage();
        }
        return shown(invitation.invitation(), "admin.invited.heading", request, model);
    }

    @PostMapping("/{id}/deactivate")
    String deactivate(@PathVariable String id, @RequestParam(name = Confirmation.CONFIRMED, defaultValue = "false") boolean confirmed,
            Authentication authentication, HttpServletResponse response, Model model, RedirectAttributes redirect, Locale locale) {
        UserId admin = admin(authentication);
        UserId user = userId(id);
        if (!confirmed) {
            return confirm(admin, user, "deactivate", "admin.confirm.deactivate.", model, locale);
        }
        return change(admin, user, response, model, redirect, locale, "admin.done.deactivated", () -> administration.deactivate(admin, user));
    }

    @PostMapping("/{id}/reactivate")
    String reactivate(@PathVariable String id, Authentication authentication, HttpServletRequest request, HttpServletResponse response,
            Model model, RedirectAttributes redirect, Locale locale) {
        UserId admin = admin(authentication);
        UserId user = userId(id);
        OrganisationAdministration.Outcome outcome;
        try {
            outcome = administration.reactivate(admin, user);
        } catch (ChangeRefused refused) {
            return refused(admin, user, refused, null, response, model);
        }
        if (outcome.invitation() != null) {
            return shown(outcome.invitation(), "admin.invited.renewed", request, model);
        }
        redirect.addFlashAttribute("notice", outcome.awaitingApproval() ? "admin.done.invitedAwaitingApproval" : "admin.done.reactivated");
        return "redirect:/admin/users?lang=" + locale.getLanguage();
    }

    @PostMapping("/{id}/role")
    String changeRole(@PathVariable String id, @RequestParam(defaultValue = "") String role, Authentication authentication,
            HttpServletResponse response, Model model, RedirectAttributes redirect, Locale locale) {
        UserId admin = admin(authentication);
        UserId user = userId(id);
        OrganisationAdministration.Outcome outcome;
        try {
            outcome = administration.changeRole(admin, user, role);
        } catch (ChangeRefused refused) {
            return refused(admin, user, refused, role, response, model);
        }
        redirect.addFlashAttribute("notice", outcome.awaitingApproval() ? "admin.done.roleAwaitingApproval" : "admin.done.roleChanged");
        return "redirect:/admin/users?lang=" + locale.getLanguage();
    }

    /** Ends the wait failed log-ins put on the account (reversible and harmless: no confirmation page). */
    @PostMapping("/{id}/unlock")
    String unlock(@PathVariable String id, Authentication authentication, HttpServletResponse response, Model model, RedirectAttributes redirect,
            Locale locale) {
        UserId admin = admin(authentication);
        UserId user = userId(id);
        return change(admin, user, response, model, redirect, locale, "admin.done.unlocked", () -> administration.unlock(admin, user));
    }

    @PostMapping("/{id}/second-factor/reset")
    String resetSecondFactor(@PathVariable String id, @RequestParam(name = Confirmation.CONFIRMED, defaultValue = "false") boolean confirmed,
            Authentication authentication, HttpServletResponse response, Model model, RedirectAttributes redirect, Locale locale) {
        UserId admin = admin(authentication);
        UserId user = userId(id);
        if (!confirmed) {
            return confirm(admin, user, "second-factor/reset", "admin.confirm.resetSecondFactor.", model, locale);
        }
        return change(admin, user, response, model, redirect, locale, "admin.done.secondFactorReset", () -> administration.resetSecondFactor(admin, user));
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The page that asks before a change an administrator cannot simply take back (200: nothing changed yet), naming the
     * account; its form posts to the same address with {@code confirmed=true}. Another organisation's user is the same
     * 404 as a nonexistent one, here too.
     */
    private String confirm(UserId admin, UserId user, String action, String key, Model model, Locale locale) {
        String name = administration.members(admin).stream().filter(m -> m.id().equals(user)).map(UserStore.Member::displayName).findFirst()
                .orElseThrow(() -> new UnknownIdException("user", user.value()));
        String lang = "?lang=" + locale.getLanguage();
        model.addAttribute("confirmation", new Confirmation(messages.getMessage(key + "heading", new Object[] { name }, locale),
                List.of(messages.getMessage(key + "what", new Object[] { name }, locale), messages.getMessage(key + "undo", null, locale)),
                "/admin/users/" + user.value() + "/" + action + lang, Map.of(), messages.getMessage(key + "submit", null, locale),
                "/admin/users" + lang + "#user-" + user.value()));
        return Confirmation.VIEW;
    }

    private String change(UserId admin, UserId user, HttpServletResponse response, Model model, RedirectAttributes redirect, Locale locale,
            String done, Runnable change) {
        try {
            change.run();
        } catch (ChangeRefused refused) {
            return refused(admin, user, refused, null, response, model);
        }
        redirect.addFlashAttribute("notice", done);
        return "redirect:/admin/users?lang=" + locale.getLanguage();
    }

    /** The list again, with the refusal as an alert tied to the row's controls; 409 for a rule, 400 for a bad value. */
    private String refused(UserId admin, UserId user, ChangeRefused refused, @Nullable String value, HttpServletResponse response, Model model) {
        response.setStatus(refused.isConflict() ? HttpStatus.CONFLICT.value() : HttpStatus.BAD_REQUEST.value());
        model.addAttribute("problem", refused.messageKey());
        model.addAttribute("problemValue", value == null ? "" : value);
        model.addAttribute("problemUser", user.value());
        model.addAttribute("form", InviteForm.empty());
        return page(admin, model);
    }

    private String page(UserId admin, Model model) {
        model.addAttribute("members", administration.members(admin));
        model.addAttribute("roles", OrganisationAdministration.roles());
        model.addAttribute("self", admin.value());
        model.addAttribute("now", clock.instant());
        return "identity/admin-users";
    }

    /** The one-time activation link, on this response only; built from the configured public address, never the request's Host. */
    private String shown(IdentityManagement.Invitation invitation, String heading, HttpServletRequest request, Model model) {
        model.addAttribute("heading", heading);
        model.addAttribute("link", links.to("/activate/" + invitation.token()));
        model.addAttribute("expires", invitation.expires());
        model.addAttribute("back", "/admin/users");
        return "identity/admin-invited";
    }

    /** The logged-in administrator, from the authenticated principal only. */
    private UserId admin(Authentication authentication) {
        return users.byEmail(authentication.getName()).map(UserStore.Account::id)
                .orElseThrow(() -> new AccessDeniedException("the logged-in account no longer exists"));
    }

    /** A malformed id is as unknown as one that does not exist. */
    static UserId userId(String id) {
        try {
            return new UserId(UUID.fromString(id));
        } catch (IllegalArgumentException malformed) {
            throw new UnknownIdException("user", "(malformed)");
        }
    }
}
