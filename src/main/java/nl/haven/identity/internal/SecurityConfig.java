package nl.haven.identity.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may reach what. Public: the home page, the policy explorer and its API, intake and
 * follow-up, set-up, health. {@code /admin/**}: the ADMIN role; {@code /account/**}: any staff role;
 * both only after the second factor. Everything else needs a staff log-in.
 *
 * <p>CSRF tokens live in an HttpOnly, SameSite=Strict cookie, not in a server-side session: an
 * anonymous visit to a form must not create a session (SECURITY.md S6, intake issue). Staff sessions
 * live in the database (Spring Session JDBC), so every node recognises every log-in; they hold only
 * the security context.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfig {

    static final String[] ROLES = java.util.Arrays.stream(nl.haven.identity.Role.values()).map(Enum::name).toArray(String[]::new);
    static final String[] PUBLIC = { "/", "/css/**", "/img/**", "/favicon.ico", "/error", "/login", "/setup/**", "/activate/**",
            "/policy/**", "/routes/**", "/intake/**", "/follow-up", "/api/v1/policy/**", "/api/v1/routes/**", "/api/v1/intake/**",
            "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**",
            "/swagger-ui.html", "/swagger-ui/**" };

    @Bean
    SecurityFilterChain web(HttpSecurity http, nl.haven.identity.IdentityManagement identity, Users users) throws Exception {
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        csrfTokens.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Strict").path("/"));
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers(PUBLIC).permitAll()
                // After the password, only the second-factor pages; the role comes with the second factor.
                .requestMatchers("/mfa", "/mfa/**").hasAuthority(StaffUserDetails.PASSWORD_FACTOR)
                // Case content: not for analysts (statistics only) nor administrators (users and settings).
                .requestMatchers("/api/v1/cases", "/api/v1/cases/**", "/api/v1/referrals", "/api/v1/referrals/**", "/cases", "/cases/**").hasAnyRole("INTAKE", "CASEWORKER", "LAWYER", "COORDINATOR")
                // Statistics (counts only, disclosure-controlled): coordinators and analysts.
                .requestMatchers("/api/v1/statistics", "/api/v1/statistics/**", "/statistics", "/statistics/**").hasAnyRole("COORDINATOR", "ANALYST")
                // The organisation's users: its ADMINs only, after the second factor (never with an API token: /api/** only).
                .requestMatchers("/admin", "/admin/**").access(AuthorizationManagers.allOf(
                        AuthorityAuthorizationManager.hasRole("ADMIN"), AuthorityAuthorizationManager.hasAuthority(SecondFactorPages.SECOND_FACTOR)))
                // A user's own API tokens: any staff role, after the second factor.
                .requestMatchers("/account", "/account/**").access(AuthorizationManagers.allOf(
                        AuthorityAuthorizationManager.hasAnyRole(ROLES), AuthorityAuthorizationManager.hasAuthority(SecondFactorPages.SECOND_FACTOR)))
                .anyRequest().hasAnyRole(ROLES))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .ignoringRequestMatchers("/api/**"))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/mfa", true).permitAll()
                        .failureHandler((request, response, exception) -> {
                            String email = request.getParameter("username");
                            if (email != null && exception instanceof org.springframework.security.authentication.BadCredentialsException) {
                                identity.passwordFailed(email);
                            }
                            response.sendRedirect(request.getContextPath() + "/login?error");
                        }))
                .addFilterBefore(new BearerTokenFilter(identity),
                        org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class)
                // Sessions follow their account: deactivated → ended, role changed → new role, second factor reset → ended.
                .addFilterBefore(new LiveAccountFilter(users), AnonymousAuthenticationFilter.class)
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                        PathPatternRequestMatcher.withDefaults().matcher("/api/**")))
                // No saved request: an anonymous visit must never create a server-side session.
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                // The web module's SecurityHeadersFilter writes every security header, on error responses too.
                .headers(headers -> headers.disable());
        return http.build();
    }

    /**
     * The staff session cookie ({@code SESSION}, written by Spring Session, not the servlet container):
     * HttpOnly and SameSite=Strict whatever the configuration says.
     */
    @Bean
    DefaultCookieSerializerCustomizer sessionCookie() {
        return cookie -> {
            cookie.setUseHttpOnlyCookie(true);
            cookie.setSameSite("Strict");
        };
    }
}
