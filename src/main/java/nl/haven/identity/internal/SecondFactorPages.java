package nl.haven.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.haven.identity.IdentityManagement;
import nl.haven.shared.BadInputException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second factor: enrolment (QR code and secret, first code, recovery codes shown once) and the
 * code check at every log-in. Only after it does the session carry the user's role. Also the
 * activation link where an invited user sets the first password. The session holds nothing but the
 * security context: a secret being enrolled waits, sealed, in the user's row ({@link IdentityManagement#startEnrolment}).
 */
@Controller
class SecondFactorPages {
    static final String SECOND_FACTOR = "FACTOR_TOTP";

    private final IdentityManagement identity;
    private final UserStore users;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SessionKeys sessionKeys;

    SecondFactorPages(IdentityManagement identity, UserStore users, SessionKeys sessionKeys) {
        this.sessionKeys = sessionKeys;
        this.identity = identity;
        this.users = users;
    }

    private UserStore.Account account(Authentication authentication) {
        return users.byEmail(authentication.getName()).orElseThrow();
    }

    @GetMapping("/mfa")
    String challenge(Authentication authentication, HttpServletRequest request, Locale locale) {
        return account(authentication).totpEnrolled() ? "identity/mfa" : "redirect:" + LogInLanguage.keep("/mfa/enrol", request, locale);
    }

    @PostMapping("/mfa")
    String verify(@RequestParam(defaultValue = "") String code, Authentication authentication, HttpServletRequest request,
            HttpServletResponse response, Model model, Locale locale) {
        UserStore.Account account = account(authentication);
        if (!identity.verifySecondFactor(account.id(), code)) {
            response.setStatus(400);
            model.addAttribute("failed", true);
            return "identity/mfa";
        }
        secondFactorLogIn(account, request, response);
        return "redirect:" + LogInLanguage.keep("/staff", request, locale);
    }

    @GetMapping("/mfa/enrol")
    String enrol(Authentication authentication, Model model, HttpServletRequest request, Locale locale) {
        UserStore.Account account = account(authentication);
        if (account.totpEnrolled()) {
            return "redirect:" + LogInLanguage.keep("/mfa", request, locale);
        }
        model.addAttribute("enrolment", identity.startEnrolment(account.id()));
        return "identity/enrol";
    }

    @PostMapping("/mfa/enrol")
    String confirm(@RequestParam(defaultValue = "") String code, Authentication authentication, HttpServletRequest request,
            HttpServletResponse response, Model model, Locale locale) {
        UserStore.Account account = account(authentication);
        if (account.totpEnrolled()) {
            return "redirect:" + LogInLanguage.keep("/mfa", request, locale);
        }
        if (identity.pendingEnrolment(account.id()).isEmpty()) {
            return "redirect:" + LogInLanguage.keep("/mfa/enrol", request, locale);
        }
        try {
            List<String> codes = identity.confirmEnrolment(account.id(), code);
            secondFactorLogIn(account, request, response);
            model.addAttribute("recoveryCodes", codes);
            return "identity/recovery-codes";
        } catch (BadInputException wrong) {
            response.setStatus(400);
            model.addAttribute("failed", true);
            model.addAttribute("enrolment", identity.pendingEnrolment(account.id()).orElseThrow());
            return "identity/enrol";
        }
    }

    /**
     * A full staff log-in: the account's current role and {@value #SECOND_FACTOR} (both factors done),
     * plus any {@code moreFactors} that say how (e.g. a passkey), in a new session id. The one place that
     * builds it, for the TOTP step here and for a passkey log-in.
     */
    /** The full log-in after the second factor; the session's keys (opened at the password step) follow the new session id. */
    private void secondFactorLogIn(UserStore.Account account, HttpServletRequest request, HttpServletResponse response) {
        String previous = sessionKeys.secretOf(request);
        fullLogIn(account, request, response, contexts);
        sessionKeys.secondFactorAccepted(request, previous);
    }

    static Authentication fullLogIn(UserStore.Account account, HttpServletRequest request, HttpServletResponse response,
            SecurityContextRepository contexts, String... moreFactors) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + account.role().name()));
        authorities.add(new SimpleGrantedAuthority(SECOND_FACTOR));
        for (String factor : moreFactors) {
            authorities.add(new SimpleGrantedAuthority(factor));
        }
        Authentication full = UsernamePasswordAuthenticationToken.authenticated(account.email(), null, authorities);
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(full);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return full;
    }

    // --- activation --------------------------------------------------------------------------------------------

    @GetMapping("/activate/{token}")
    String activation(@PathVariable String token, Model model, HttpServletResponse response) {
        if (!identity.activationValid(token)) {
            response.setStatus(404);
            return "identity/activation-gone";
        }
        model.addAttribute("token", token);
        return "identity/activate";
    }

    @PostMapping("/activate/{token}")
    String activate(@PathVariable String token, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String repeat, Model model, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        model.addAttribute("token", token);
        if (!identity.activationValid(token)) {
            response.setStatus(404);
            return "identity/activation-gone";
        }
        if (!password.equals(repeat)) {
            response.setStatus(400);
            model.addAttribute("problem", "password.mismatch");
            return "identity/activate";
        }
        try {
            identity.activate(token, password);
        } catch (BadInputException e) {
            response.setStatus(400);
            model.addAttribute("problem", e.field().equals("password") ? e.getMessage() : "password.linkGone");
            return "identity/activate";
        }
        return "redirect:" + LogInLanguage.keep("/login?activated", request, locale);
    }
}
