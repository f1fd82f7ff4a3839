package nl.haven.identity.internal;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Staff log-in by e-mail address and Argon2id password. */
@Service
class StaffUserDetails implements UserDetailsService {
    private final Users users;

    StaffUserDetails(Users users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        Users.Account account = users.byEmail(email).orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return User.withUsername(account.email())
                .password(account.passwordHash() == null ? "" : account.passwordHash())
                .disabled(!account.active() || account.passwordHash() == null)
                .authorities(List.of(new SimpleGrantedAuthority("ROLE_" + account.role().name())))
                .build();
    }
}
