package nl.haven.identity.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import nl.haven.audit.AuditLog;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.OrganisationAdministration;
import nl.haven.identity.Role;
import nl.haven.protection.KeyHolders;
import nl.haven.protection.StaffSessionSecrets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import nl.haven.web.ProblemType;
import nl.haven.web.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.ui.DefaultResourcesFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.webauthn.authentication.PublicKeyCredentialRequestOptionsFilter;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Who may reach what. Public: the home page, the policy explorer and its API, intake and
 * follow-up, set-up, health. {@code /admin/**}: the ADMIN role; {@code /account/**}: any staff role;
 * both only after the second factor. Everything else needs a staff log-in.
 *
 * <p>Staff log in with password + TOTP ({@link SecondFactorPages}) or, once they have registered one
 * at {@code /account/passkeys}, with a passkey ({@link PasskeyLogIn}); both end in the same full log-in.
 *
 * <p>CSRF tokens live in an HttpOnly, SameSite=Strict cookie, not in a server-side session: an
 * anonymous visit to a form must not create a session (SECURITY.md S6, intake issue). Staff sessions
 * live in the database (Spring Session JDBC), so every node recognises every log-in; they hold only
 * the security context.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfig {

    static final String[] ROLES = Arrays.stream(Role.values()).map(Enum::name).toArray(String[]::new);
    static final String[] PUBLIC = { "/", "/css/**", "/img/**", "/js/**", "/favicon.ico", "/error", "/login", "/setup/**", "/activate/**",
            "/policy/**", "/routes/**", "/intake/**", "/follow-up", "/calendar/*", "/api/v1/policy/**", "/api/v1/routes/**", "/api/v1/intake/**",
            "/actuator/health", "/actuator/health/**", "/actuator/info", "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**",
            "/swagger-ui.html", "/swagger-ui/**",
            // The pages that explain the API's problem types (the type URI of every problem+json answer, issue #21).
            "/problems", "/problems/*" };

    /**
     * The metrics (issue #15, point 6): only with the scrape token ({@link ScrapeToken}), never with a staff log-in or
     * anonymously; no session is read or made. Before the application's chain, which would otherwise match the path.
     */
    @Bean
    @org.springframework.core.annotation.Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain metrics(HttpSecurity http, @org.springframework.beans.factory.annotation.Value("${haven.metrics.token:}") String token,
            @org.springframework.beans.factory.annotation.Value("${haven.metrics.token-file:}") String tokenFile) throws Exception {
        http.securityMatcher("/actuator/prometheus", "/actuator/prometheus/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAuthority(ScrapeToken.AUTHORITY))
                .addFilterBefore(ScrapeToken.configured(token, tokenFile), AnonymousAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(
                        new RequestAttributeSecurityContextRepository()))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(ex -> ex.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED))
                        .accessDeniedHandler((request, response, denied) -> response.sendError(HttpStatus.UNAUTHORIZED.value())))
                .headers(headers -> headers.disable());
        return http.build();
    }

    @Bean
    SecurityFilterChain web(HttpSecurity http, IdentityManagement identity, UserStore users,
            StaffSessionSecrets sessionSecrets, Clock clock, AuditLog audit,
            PlatformTransactionManager transactions, LoginThrottle throttle, LocaleResolver locales, KeyHolders keyHolders,
            SessionKeys sessionKeys) throws Exception {
        // The log-in's redirects keep the language the log-in page was in (issue #19, point 7).
        LogInLanguage language = new LogInLanguage(locales);
        // The passkey log-in reads the account through its own UserDetailsService (the password log-in
        // uses StaffUserDetails, the application's bean, through the global AuthenticationManager).
        http.setSharedObject(UserDetailsService.class, new PasskeyUserDetails(users));
        // The passkey log-in's options in a sealed cookie, not in a session per anonymous visitor (issue #15, point 13).
        SealedRequestOptions requestOptions = new SealedRequestOptions(sessionSecrets, clock);
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        csrfTokens.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Strict").path("/"));
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers(PUBLIC).permitAll()
                // After the password, only the second-factor pages; the role comes with the second factor.
                .requestMatchers("/mfa", "/mfa/**").hasAuthority(StaffUserDetails.PASSWORD_FACTOR)
                // Case content: not for analysts (statistics only) nor administrators (users and settings).
                .requestMatchers("/api/v1/cases", "/api/v1/cases/**", "/api/v1/agenda", "/api/v1/referrals", "/api/v1/referrals/**", "/cases", "/cases/**").hasAnyRole("INTAKE", "CASEWORKER", "LAWYER", "COORDINATOR")
                // Statistics (counts only, disclosure-controlled): coordinators and analysts.
                .requestMatchers("/api/v1/statistics", "/api/v1/statistics/**", "/statistics", "/statistics/**").hasAnyRole("COORDINATOR", "ANALYST")
                // The organisation's users: its ADMINs only, after the second factor (never with an API token: /api/** only).
                .requestMatchers("/admin", "/admin/**").access(AuthorizationManagers.allOf(
                        AuthorityAuthorizationManager.hasRole("ADMIN"), AuthorityAuthorizationManager.hasAuthority(SecondFactorPages.SECOND_FACTOR)))
                // Four eyes (accounts hardening): a COORDINATOR approves the case-reading roles an ADMIN asked for, after the second factor.
                .requestMatchers("/grants", "/grants/**").access(AuthorizationManagers.allOf(
                        AuthorityAuthorizationManager.hasRole("COORDINATOR"), AuthorityAuthorizationManager.hasAuthority(SecondFactorPages.SECOND_FACTOR)))
                // The organisation's audit log, ids and actions only (issue #19 point 11): coordinators and administrators, after the second factor.
                .requestMatchers("/audit", "/audit/**").access(AuthorizationManagers.allOf(
                        AuthorityAuthorizationManager.hasAnyRole("COORDINATOR", "ADMIN"), AuthorityAuthorizationManager.hasAuthority(SecondFactorPages.SECOND_FACTOR)))
                // A user's own API tokens and passkeys: any staff role, after the second factor. Spring Security's
                // passkey registration endpoints (/webauthn/register…) likewise: never after the password alone.
                .requestMatchers("/account", "/account/**", "/webauthn/register", "/webauthn/register/**").access(AuthorizationManagers.allOf(
                        AuthorityAuthorizationManager.hasAnyRole(ROLES), AuthorityAuthorizationManager.hasAuthority(SecondFactorPages.SECOND_FACTOR)))
                .anyRequest().hasAnyRole(ROLES))
                // The API needs no CSRF token where no cookie authenticates the request (an API token, or an anonymous
                // client of the public API); a browser session calling the API must send one (INTERFACES.md §6).
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .ignoringRequestMatchers(SecurityConfig::apiWithoutSessionCookie))
                .formLogin(form -> form.loginPage("/login").permitAll()
                        .successHandler((request, response, authentication) -> {
                            // The password is in hand only now: an account without a key pair under it gets one (ADR 0006 step 5), and the
                            // session the organisation's keys from its grant, opened with it (C.4).
                            String password = request.getParameter("password");
                            if (password != null) {
                                users.byEmail(authentication.getName()).ifPresent(account -> {
                                    keyHolders.loggedInWithPassword(account.id(), account.orgId(), password,
                                            OrganisationAdministration.CASE_ROLES.contains(account.role()));
                                    sessionKeys.passwordAccepted(request, account, password);
                                });
                            }
                            response.sendRedirect(language.keep(request.getContextPath() + "/mfa", request));
                        })
                        // No WebAuthenticationDetails (the client's address) in the session's security context (issue #15, point 19).
                        .authenticationDetailsSource(request -> null)
                        .failureHandler((request, response, exception) -> {
                            // Every failed password log-in counts against the client (spraying, a colleague's account).
                            throttle.failed(request.getRemoteAddr());
                            String email = request.getParameter("username");
                            if (email != null && exception instanceof BadCredentialsException) {
                                identity.passwordFailed(email);
                            }
                            response.sendRedirect(language.keep(request.getContextPath() + "/login?error", request));
                        }))
                // A client that failed too often waits before its password is even checked (LoginThrottle).
                .addFilterBefore(new LoginThrottleFilter(throttle, language),
                        UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new BearerTokenFilter(identity),
                        UsernamePasswordAuthenticationFilter.class)
                // Sessions follow their account: deactivated → ended, role changed → new role, second factor reset → ended.
                .addFilterBefore(new LiveAccountFilter(users), AnonymousAuthenticationFilter.class)
                // Passkeys (PasskeyConfig): the log-in (POST /login/webauthn) gives the same full log-in as password + TOTP.
                .webAuthn(webAuthn -> webAuthn
                        // Haven's own page (/account/passkeys) instead of Spring Security's, which needs inline script.
                        .disableDefaultRegistrationPage(true)
                        .withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
                            @Override
                            public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationSuccessHandler(new PasskeyLogIn(users, identity));
                                filter.setRequestOptionsRepository(requestOptions);
                                return filter;
                            }
                        }))
                // Spring Security's script for the passkey ceremonies (/login/webauthn.js), from Haven's own origin.
                .addFilter(DefaultResourcesFilter.webauthn())
                // Registration options only for a full log-in (Spring Security's filter asks only for any authentication).
                .addFilterBefore(new PasskeyRegistrationGuard(), AnonymousAuthenticationFilter.class)
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler((request, response, authentication) ->
                        response.sendRedirect(language.keep(request.getContextPath() + "/login?logout", request))))
                // The API: 401 with "WWW-Authenticate: Bearer" (RFC 9110 §11.6.1, RFC 6750 §3) and a problem document.
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor((request, response, failure) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            Problems.write(response, Problems.of(ProblemType.UNAUTHORIZED,
                                    "Authentication is required: an API token as 'Authorization: Bearer …', or a staff log-in."));
                        }, PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
                        // Pages: to the log-in page by a relative address, never one built from the request's Host header
                        // (with server.tomcat.use-relative-redirects for every other redirect; issue #15, point 16).
                        .defaultAuthenticationEntryPointFor(relativeLogInPage(), browserPageRequest())
                        // A refusal of case content by these rules is audited like a refusal by the case's scope (issue #15, point 20).
                        .accessDeniedHandler(new UnfinishedLogIn(new AuditedAccessDenied(users, audit, transactions), language)))
                // No saved request: an anonymous visit must never create a server-side session.
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                // The web module's SecurityHeadersFilter writes every security header, on error responses too.
                .headers(headers -> headers.disable());
        DefaultSecurityFilterChain chain = http.build();
        // Spring Security's configurer offers no setting for the options filter's repository (nor post-processes it).
        chain.getFilters().stream().filter(PublicKeyCredentialRequestOptionsFilter.class::isInstance)
                .map(PublicKeyCredentialRequestOptionsFilter.class::cast)
                .forEach(filter -> filter.setRequestOptionsRepository(requestOptions));
        return chain;
    }

    /**
     * What Spring Security's firewall refuses before any filter chain: a method the server does not recognise is 501
     * (RFC 9110 §15.6.2: "does not support the functionality required"), anything else it refuses (an encoded slash, a
     * malformed path) 400; a problem document on {@code /api/**}, the error page elsewhere (issue #21 point 5).
     */
    @Bean
    static RequestRejectedHandler requestRejected() {
        return (request, response, rejected) -> {
            HttpStatus status = KNOWN_METHODS.contains(request.getMethod()) ? HttpStatus.BAD_REQUEST : HttpStatus.NOT_IMPLEMENTED;
            if (request.getRequestURI().startsWith("/api/")) {
                Problems.write(response, Problems.of(ProblemType.of(status), status == HttpStatus.NOT_IMPLEMENTED
                        ? "This server does not know the method of the request." : "The request's address or headers are not accepted."));
            } else {
                response.sendError(status.value());
            }
        };
    }

    /** The methods of RFC 9110 §9 and PATCH (RFC 5789): any other is one this server does not recognise. */
    static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    /**
     * The requests that the form log-in's own entry point sends to the log-in page (Spring Security's
     * AbstractAuthenticationFilterConfigurer matches them so): a browser asking for a page, not a script. Others keep the
     * 401 of the first entry point.
     */
    static RequestMatcher browserPageRequest() {
        MediaTypeRequestMatcher page = new MediaTypeRequestMatcher(new HeaderContentNegotiationStrategy(), MediaType.APPLICATION_XHTML_XML,
                new MediaType("image", "*"), MediaType.TEXT_HTML, MediaType.TEXT_PLAIN);
        page.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return new AndRequestMatcher(new NegatedRequestMatcher(new RequestHeaderRequestMatcher("X-Requested-With", "XMLHttpRequest")), page);
    }

    static LoginUrlAuthenticationEntryPoint relativeLogInPage() {
        LoginUrlAuthenticationEntryPoint entryPoint = new LoginUrlAuthenticationEntryPoint("/login");
        entryPoint.setFavorRelativeUris(true);
        return entryPoint;
    }

    /**
     * An API request that no cookie authenticates. The staff session cookie ({@code SESSION}, written by Spring Session,
     * not the servlet container) is HttpOnly and SameSite=Strict whatever the configuration says ({@link KeyedSessions}).
     */
    static boolean apiWithoutSessionCookie(HttpServletRequest request) {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return false;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            return true;
        }
        Cookie[] cookies = request.getCookies();
        return cookies == null || Arrays.stream(cookies).noneMatch(c -> "SESSION".equals(c.getName()));
    }
}
