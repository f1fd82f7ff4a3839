package nl.haven.identity.internal;

import java.time.Clock;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * The password step of staff log-in (Argon2id). A correct password grants only
 * {@value #PASSWORD_FACTOR}: the roles, and with them any organisation data, come after the second
 * factor ({@link SecondFactorPages}). A locked account cannot log in until the lock expires.
 *
 * <p>As Spring Security's {@link UserDetailsPasswordService}, it stores the password hashed again when the hash was
 * made with weaker parameters than today's ({@link PasswordConfig}): the log-in's authentication provider asks the
 * encoder after each correct password.
 */
@Service
class StaffUserDetails implements UserDetailsService, UserDetailsPasswordService {
    static final String PASSWORD_FACTOR = "FACTOR_PASSWORD";
    private final UserStore users;
    private final Clock clock;

    StaffUserDetails(UserStore users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        UserStore.Account account = users.byEmail(email).orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return User.withUsername(account.email())
                .password(account.passwordHash() == null ? "" : account.passwordHash())
                .disabled(!account.active() || account.passwordHash() == null)
                .accountLocked(account.lockedAt(clock.instant()))
                .authorities(List.of(new SimpleGrantedAuthority(PASSWORD_FACTOR)))
                .build();
    }

    @Override
    public UserDetails updatePassword(UserDetails user, String newPassword) {
        users.byEmail(user.getUsername()).ifPresent(account -> users.setPasswordHash(account.id(), newPassword));
        return User.withUserDetails(user).password(newPassword).build();
    }
}
