package nl.haven.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.identity.StaffNotices;
import nl.haven.protection.KeyHolders;
import nl.haven.protection.Protection;
import nl.haven.shared.BadInputException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** Log-in, the staff start page and the first-start set-up. */
@Controller
class IdentityPages {
    static final Set<String> CASE_ROLES = Set.of("ROLE_INTAKE", "ROLE_CASEWORKER", "ROLE_LAWYER", "ROLE_COORDINATOR");

    private final SettingUp settingUp;
    private final CurrentStaff staff;
    private final StaffNotices notices;
    private final KeyHolders keyHolders;
    private final Protection protection;

    IdentityPages(SettingUp settingUp, CurrentStaff staff, StaffNotices notices, KeyHolders keyHolders, Protection protection) {
        this.protection = protection;
        this.keyHolders = keyHolders;
        this.settingUp = settingUp;
        this.staff = staff;
        this.notices = notices;
    }

    @GetMapping("/login")
    String login() {
        return "identity/login";
    }

    @GetMapping("/staff")
    String staff(Authentication authentication, Model model) {
        model.addAttribute("email", authentication.getName());
        // The link to the organisation's users only for those who may use it (SecurityConfig: ADMIN after the second factor).
        model.addAttribute("administrator", authentication.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority())));
        // The link to the cases only for the roles that see them (SecurityConfig: /cases/** after the second factor).
        model.addAttribute("caseRole", authentication.getAuthorities().stream().anyMatch(a -> CASE_ROLES.contains(a.getAuthority())));
        // Four eyes: coordinators approve the case-reading roles administrators ask for (SecurityConfig: /grants/**).
        model.addAttribute("coordinator", authentication.getAuthorities().stream().anyMatch(a -> "ROLE_COORDINATOR".equals(a.getAuthority())));
        // Statistics for coordinators and analysts (SecurityConfig).
        model.addAttribute("statistics", authentication.getAuthorities().stream()
                .anyMatch(a -> "ROLE_COORDINATOR".equals(a.getAuthority()) || "ROLE_ANALYST".equals(a.getAuthority())));
        // Summaries of policy changes (issue #17): counts only, for the organisation's coordinators.
        List<StaffNotices.Notice> shown = List.of();
        if (authentication.getAuthorities().stream().anyMatch(a -> "ROLE_COORDINATOR".equals(a.getAuthority()))) {
            StaffMember me = staff.require();
            shown = notices.latest(me.org(), Role.COORDINATOR, 10);
            // Without a recovery key, losing every key holder's password loses every case (ADR 0006 C.7): asked until made.
            model.addAttribute("noRecoveryKey", !keyHolders.hasRecoveryKey(me.org()));
        }
        // Until the operator seals the installation (ADR 0006 step 11) a copy of the server opens every case: said to those
        // who run the organisation, so that it is not forgotten.
        model.addAttribute("notSealed", !protection.sealed() && authentication.getAuthorities().stream()
                .anyMatch(a -> "ROLE_COORDINATOR".equals(a.getAuthority()) || "ROLE_ADMIN".equals(a.getAuthority())));
        model.addAttribute("notices", shown);
        return "identity/staff";
    }

    @GetMapping("/setup/{token}")
    String setupForm(@PathVariable String token, Model model, HttpServletResponse response) {
        if (!settingUp.linkValid(token)) {
            return linkGone(response);
        }
        model.addAttribute("form", SetupForm.empty());
        model.addAttribute("token", token);
        return "identity/setup";
    }

    @PostMapping("/setup/{token}")
    String setUp(@PathVariable String token, @Valid @ModelAttribute("form") SetupForm form, BindingResult errors,
            HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        model.addAttribute("token", token);
        if (!settingUp.linkValid(token)) {
            return linkGone(response);
        }
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "identity/setup";
        }
        SettingUp.Done done;
        try {
            done = settingUp.setUp(token, form);
        } catch (BadInputException e) {
            if (e.field().equals("password")) {
                errors.rejectValue("password", e.getMessage());
            } else {
                errors.rejectValue(e.field().equals("token") ? "orgSlug" : e.field(), "setup." + e.field() + ".taken");
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "identity/setup";
        }
        // The organisation's recovery key, shown in this answer only: never in an address, a cookie or the session.
        model.addAttribute("recoveryKey", done.recoveryKey());
        return "identity/setup-done";
    }

    private static String linkGone(HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return "identity/setup-gone";
    }
}
