package nl.haven.identity.internal;

import java.util.List;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The account behind a verified passkey (Spring Security's WebAuthn provider looks it up by the
 * passkey's user name, the account's e-mail address). A deactivated account is refused here, so the
 * ceremony fails as a whole; so is an account without an enrolled second factor, which a passkey
 * cannot stand in for (an administrator's reset removes passkeys along with TOTP). The authorities are
 * those of a full log-in; {@link PasskeyLogIn} builds the session's authentication anew all the same.
 *
 * <p>Not a bean: the application's one {@code UserDetailsService} is {@link StaffUserDetails}, the
 * password step.
 */
final class PasskeyUserDetails implements UserDetailsService {
    private final UserStore users;

    PasskeyUserDetails(UserStore users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        UserStore.Account account = users.byEmail(email).orElseThrow(() -> new UsernameNotFoundException("no such user"));
        if (!account.active() || account.passwordHash() == null || !account.totpEnrolled()) {
            throw new DisabledException("the account is not active");
        }
        return User.withUsername(account.email()).password("").authorities(List.of(
                new SimpleGrantedAuthority("ROLE_" + account.role().name()), new SimpleGrantedAuthority(SecondFactorPages.SECOND_FACTOR)))
                .build();
    }
}
