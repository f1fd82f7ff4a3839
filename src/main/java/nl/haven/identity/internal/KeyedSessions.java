package nl.haven.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import nl.haven.protection.StaffSessionSecrets;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;

/**
 * Staff sessions whose database row is no log-in (issue #15, point 2). The {@code SESSION} cookie carries a random
 * secret; Spring Session's {@code spring_session.session_id} holds only {@link StaffSessionSecrets#storedId} of it, an
 * HMAC under a key kept in the keys directory, outside the database. A copy of the database (a backup, a stolen disk, a
 * replica) therefore gives no cookie, while every node that shares the keys directory finds the row from the cookie.
 *
 * <p>How, with Spring Session's own extension points: the JDBC repository's id generator makes a new secret and returns
 * its stored id, which is the session's id everywhere on the server; the {@link Resolver} that reads and writes the
 * cookie maps a cookie's secret to its stored id on every request, and when Spring Session writes the cookie of a new
 * session (or of a new id after log-in: session fixation protection) it writes the secret the generator made on this
 * request's thread, never the stored id. The secret exists only in the cookie and, for the length of one request, in
 * this thread's memory.
 *
 * <p>Sessions stored before this change had their cookie's value as the row's id; V14 deletes them (staff log in again).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class KeyedSessions {
    /** The stored id and secret of the session id made last on this thread, for the cookie its request writes. */
    private static final ThreadLocal<@Nullable Made> MADE = new ThreadLocal<>();

    private record Made(String storedId, String secret) {
        /** Never the secret: a record's toString() may reach a log. */
        @Override
        public String toString() {
            return "Made";
        }
    }

    /** The secret made on this thread for this stored id (a session id changed during this request), if any. */
    static @Nullable String madeSecret(String storedId) {
        Made made = MADE.get();
        return made != null && made.storedId().equals(storedId) ? made.secret() : null;
    }

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> keyedSessionIds(StaffSessionSecrets secrets) {
        return repository -> repository.setSessionIdGenerator(() -> {
            String secret = secrets.newSecret();
            String storedId = secrets.storedId(secret);
            MADE.set(new Made(storedId, secret));
            return storedId;
        });
    }

    /**
     * The session cookie: HttpOnly and SameSite=Strict whatever the configuration says; Secure over HTTPS, and always
     * when {@code server.servlet.session.cookie.secure=true} (TLS ended by a proxy).
     */
    @Bean
    Resolver keyedSessionCookie(StaffSessionSecrets secrets,
            @Value("${server.servlet.session.cookie.secure:false}") boolean alwaysSecure) {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Strict");
        if (alwaysSecure) {
            cookie.setUseSecureCookie(true);
        }
        return new Resolver(cookie, secrets);
    }

    /** Cookie secret in, stored id out; stored id in, the secret made for it out. */
    static final class Resolver implements HttpSessionIdResolver {
        private static final String WRITTEN = Resolver.class.getName() + ".WRITTEN";

        private final CookieSerializer cookie;
        private final StaffSessionSecrets secrets;

        Resolver(CookieSerializer cookie, StaffSessionSecrets secrets) {
            this.cookie = cookie;
            this.secrets = secrets;
        }

        @Override
        public List<String> resolveSessionIds(HttpServletRequest request) {
            return cookie.readCookieValues(request).stream().filter(secret -> !secret.isBlank()).map(secrets::storedId).toList();
        }

        /**
         * The cookie secret of the session stored under {@code storedId} as this request knows it: made on this thread when
         * the id changed during the request, else the request's cookie that maps to it; null when neither does.
         */
        @Nullable String secretFor(HttpServletRequest request, String storedId) {
            String made = madeSecret(storedId);
            if (made != null) {
                return made;
            }
            return cookie.readCookieValues(request).stream().filter(secret -> !secret.isBlank() && secrets.storedId(secret).equals(storedId))
                    .findFirst().orElse(null);
        }

        @Override
        public void setSessionId(HttpServletRequest request, HttpServletResponse response, String storedId) {
            if (storedId.equals(request.getAttribute(WRITTEN))) {
                return;
            }
            Made made = MADE.get();
            if (made == null || !made.storedId().equals(storedId)) {
                // Not made on this thread (cannot happen with Spring Session's filter): no cookie, so no log-in, rather
                // than a cookie that names the stored id.
                return;
            }
            MADE.remove();
            request.setAttribute(WRITTEN, storedId);
            cookie.writeCookieValue(new CookieSerializer.CookieValue(request, response, made.secret()));
        }

        @Override
        public void expireSession(HttpServletRequest request, HttpServletResponse response) {
            cookie.writeCookieValue(new CookieSerializer.CookieValue(request, response, ""));
        }

        @Override
        public String toString() {
            return "KeyedSessions.Resolver";
        }
    }
}
