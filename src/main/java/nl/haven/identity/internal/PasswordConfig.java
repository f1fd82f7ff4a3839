package nl.haven.identity.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords are stored as Argon2id hashes (Spring Security's encoder on Bouncy Castle) with at least OWASP's
 * minimum parameters: 19 MiB of memory, 2 passes, 1 lane. A hash made with weaker parameters (Spring Security's
 * 5.8 defaults, 16 MiB, which Haven used before) still verifies, and {@link Argon2PasswordEncoder#upgradeEncoding}
 * says so; {@link StaffUserDetails#updatePassword} then stores the stronger hash at the next successful log-in.
 */
@Configuration(proxyBeanMethods = false)
class PasswordConfig {
    /** OWASP Password Storage Cheat Sheet, Argon2id: m=19456 KiB (19 MiB), t=2, p=1. */
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;

    @Bean
    PasswordEncoder passwordEncoder() {
        return new Argon2PasswordEncoder(16, 32, 1, MEMORY_KIB, ITERATIONS);
    }
}
