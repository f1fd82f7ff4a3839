package nl.haven.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import nl.haven.identity.IdentityManagement;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * After Spring Security has verified a passkey with user verification (POST /login/webauthn): the
 * same full log-in as password + TOTP ({@link SecondFactorPages#fullLogIn}: the account's current
 * role, the second-factor authority, a new session id), recorded as {@code auth.passkey-login}. The
 * answer is what Spring Security's script expects: JSON naming the page to go to.
 */
final class PasskeyLogIn implements AuthenticationSuccessHandler {
    private final UserStore users;
    private final IdentityManagement identity;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    PasskeyLogIn(UserStore users, IdentityManagement identity) {
        this.users = users;
        this.identity = identity;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication passkey) throws IOException {
        UserStore.Account account = users.byEmail(passkey.getName()).filter(UserStore.Account::active).orElse(null);
        if (account == null) {
            // Deactivated between the look-up and now: no log-in.
            SecurityContextHolder.clearContext();
            var session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        SecondFactorPages.fullLogIn(account, request, response, contexts, FactorGrantedAuthority.WEBAUTHN_AUTHORITY);
        identity.passkeyLoggedIn(account.id());
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"authenticated\":true,\"redirectUrl\":\"" + request.getContextPath() + "/staff\"}");
    }
}
