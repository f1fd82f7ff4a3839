package nl.haven.identity.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import nl.haven.identity.ChangeRefused;
import nl.haven.identity.OrganisationSettings;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/organisation}: the ADMIN's page of their organisation's settings (issue #19 point 11) — its name, the
 * quick-exit address and the welcome text of its public intake form. A refused value shows the form again as typed,
 * with the message at its field (400); nothing is stored then.
 */
@Controller
@RequestMapping("/admin/organisation")
class OrganisationPages {
    private final OrganisationSettings settings;
    private final UserStore users;

    OrganisationPages(OrganisationSettings settings, UserStore users) {
        this.settings = settings;
        this.users = users;
    }

    /** The settings form. {@code toString} leaves out the texts. */
    record SettingsForm(@Nullable String name, @Nullable String quickExitUrl, @Nullable String intakeWelcome) {
        @Override
        public String toString() {
            return "SettingsForm";
        }
    }

    @GetMapping
    String show(Authentication authentication, Model model) {
        OrganisationSettings.Settings current = settings.of(admin(authentication));
        model.addAttribute("form", new SettingsForm(current.name(), current.quickExitUrl(), current.intakeWelcome()));
        return page(model);
    }

    @PostMapping
    String change(@ModelAttribute("form") SettingsForm form, BindingResult errors, Authentication authentication, HttpServletResponse response,
            Model model, RedirectAttributes redirect, Locale locale) {
        try {
            settings.change(admin(authentication), form.name(), form.quickExitUrl(), form.intakeWelcome());
        } catch (ChangeRefused refused) {
            String field = refused.formField() == null ? "name" : refused.formField();
            Object value = switch (field) {
                case "quickExitUrl" -> form.quickExitUrl();
                // Lengths as text: a number argument would be formatted with a thousands separator ("2,001").
                case "intakeWelcome" -> String.valueOf(form.intakeWelcome() == null ? 0 : form.intakeWelcome().strip().length());
                default -> String.valueOf(form.name() == null ? 0 : form.name().strip().length());
            };
            errors.rejectValue(field, refused.messageKey(), new Object[] { value == null ? "" : value }, null);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(model);
        }
        redirect.addFlashAttribute("notice", "orgSettings.done");
        return "redirect:/admin/organisation?lang=" + locale.getLanguage();
    }

    private static String page(Model model) {
        model.addAttribute("maxName", OrganisationSettings.MAX_NAME);
        model.addAttribute("maxQuickExit", OrganisationSettings.MAX_QUICK_EXIT);
        model.addAttribute("maxWelcome", OrganisationSettings.MAX_WELCOME);
        return "identity/admin-organisation";
    }

    private UserId admin(Authentication authentication) {
        return users.byEmail(authentication.getName()).map(UserStore.Account::id)
                .orElseThrow(() -> new AccessDeniedException("the logged-in account no longer exists"));
    }
}
