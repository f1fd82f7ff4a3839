package nl.haven.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import nl.haven.protection.KeyHolders;
import nl.haven.protection.OpenedKeys;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A staff session carries its organisation's keys, not the server (issue #23, ADR 0006 C.4). At the password step the
 * keys are opened from the staff member's grant with the password and kept in the session wrapped under a key derived
 * from the session cookie's secret — which exists only in the cookie and, during one request, in memory — and marked
 * not ready; the second factor re-wraps them under the new session id's secret and marks them ready. Each later request
 * of that session opens them with its cookie and holds them for that request only. Any node given the cookie can open
 * them (sessions are shared); a copy of the database and the key files cannot (it holds only the secret's HMAC).
 * A passkey log-in opens none (no password): its requests fall back to the legacy opener until the cut-over.
 */
@Component
class SessionKeys {
    static final String ATTRIBUTE = SessionKeys.class.getName();

    /**
     * What the session keeps: whose keys, wrapped under the cookie's secret; never printed. Stored in the session as plain
     * bytes (a version, ready or not, organisation, user, the wrap), not as a serialised object: a session row is read
     * back without deserialising a Haven class, and a later version can still read what an earlier one wrote.
     */
    record Stored(UUID org, UUID user, byte[] wrapped, boolean ready) {
        private static final byte VERSION = 1;

        byte[] toBytes() {
            return ByteBuffer.allocate(2 + 32 + wrapped.length).put(VERSION).put((byte) (ready ? 1 : 0)).putLong(org.getMostSignificantBits())
                    .putLong(org.getLeastSignificantBits()).putLong(user.getMostSignificantBits()).putLong(user.getLeastSignificantBits())
                    .put(wrapped).array();
        }

        /** What {@link #toBytes} wrote, or null for anything else (another version, a damaged value). */
        static @Nullable Stored fromBytes(@Nullable Object value) {
            if (!(value instanceof byte[] bytes) || bytes.length <= 34 || bytes[0] != VERSION || (bytes[1] & ~1) != 0) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(bytes, 2, bytes.length - 2);
            UUID org = new UUID(in.getLong(), in.getLong());
            UUID user = new UUID(in.getLong(), in.getLong());
            byte[] wrapped = new byte[in.remaining()];
            in.get(wrapped);
            return new Stored(org, user, wrapped, bytes[1] == 1);
        }

        @Override
        public String toString() {
            return "SessionKeys.Stored[" + (ready ? "ready" : "waiting for the second factor") + "]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Stored s && s.org.equals(org) && s.user.equals(user) && Arrays.equals(s.wrapped, wrapped) && s.ready == ready;
        }

        @Override
        public int hashCode() {
            return org.hashCode() * 31 + user.hashCode();
        }
    }

    private final KeyHolders keyHolders;
    /** The session cookie's resolver: there is none in a context without a web server (the command line), where nothing asks. */
    private final ObjectProvider<KeyedSessions.Resolver> sessions;

    SessionKeys(KeyHolders keyHolders, ObjectProvider<KeyedSessions.Resolver> sessions) {
        this.keyHolders = keyHolders;
        this.sessions = sessions;
    }

    /** The secret of the request's session's cookie as this request knows it, or null. */
    @Nullable String secretOf(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : sessions.getObject().secretFor(request, session.getId());
    }

    /** After a correct password: the keys of the staff member's grant, opened with it, kept not ready in the session. */
    void passwordAccepted(HttpServletRequest request, UserStore.Account account, String password) {
        HttpSession session = request.getSession(false);
        String secret = secretOf(request);
        if (session == null || secret == null) {
            return;
        }
        keyHolders.keysForSession(account.id(), account.orgId(), password, secret).ifPresentOrElse(
                wrapped -> session.setAttribute(ATTRIBUTE, new Stored(account.orgId().value(), account.id().value(), wrapped, false).toBytes()),
                () -> session.removeAttribute(ATTRIBUTE));
    }

    /**
     * A session that carries no keys (a passkey log-in) unlocked with the staff member's password, checked by the caller
     * (ADR 0006 step 7c): the keys of their grant, opened with it, kept ready in the session under its cookie's secret.
     * False when they hold no grant, or the session has no secret this request knows.
     */
    boolean unlocked(HttpServletRequest request, UserStore.Account account, String password) {
        HttpSession session = request.getSession(false);
        String secret = secretOf(request);
        if (session == null || secret == null) {
            return false;
        }
        Optional<byte[]> wrapped = keyHolders.keysForSession(account.id(), account.orgId(), password, secret);
        wrapped.ifPresent(keys -> session.setAttribute(ATTRIBUTE, new Stored(account.orgId().value(), account.id().value(), keys, true).toBytes()));
        return wrapped.isPresent();
    }

    /** Whether the request's session carries ready keys (a password log-in, or an unlock). */
    boolean carriesKeys(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Stored stored = session == null ? null : Stored.fromBytes(session.getAttribute(ATTRIBUTE));
        return stored != null && stored.ready();
    }

    /**
     * After the second factor changed the session id: the waiting keys re-wrapped under the new id's secret, now ready.
     * {@code previousSecret}: the session's secret before the change.
     */
    void secondFactorAccepted(HttpServletRequest request, @Nullable String previousSecret) {
        HttpSession session = request.getSession(false);
        String secret = secretOf(request);
        Stored stored = session == null ? null : Stored.fromBytes(session.getAttribute(ATTRIBUTE));
        if (stored == null || secret == null || previousSecret == null) {
            return;
        }
        byte[] rewrapped = keyHolders.keysForNewSessionId(stored.wrapped(), new UserId(stored.user()), new OrgId(stored.org()), previousSecret, secret);
        session.setAttribute(ATTRIBUTE, new Stored(stored.org(), stored.user(), rewrapped, true).toBytes());
    }

    /** The session's keys opened with the request's cookie and held by this thread, if the session carries ready ones. */
    Optional<OpenedKeys> open(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Stored stored = session == null ? null : Stored.fromBytes(session.getAttribute(ATTRIBUTE));
        if (stored != null && stored.ready()) {
            String secret = sessions.getObject().secretFor(request, session.getId());
            if (secret != null) {
                return keyHolders.openSessionKeys(stored.wrapped(), new UserId(stored.user()), new OrgId(stored.org()), secret);
            }
        }
        return Optional.empty();
    }

    /**
     * Opens the session's keys for each request and closes them when it ends: after Spring Session's filter and Spring
     * Security's chain (-100). Registered here rather than as a filter component, so that web slices, which take every
     * filter component, do not need the keys.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication
    static class Filter {
        @Bean
        FilterRegistrationBean<OncePerRequestFilter> sessionKeysFilter(SessionKeys keys) {
            FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                        throws ServletException, IOException {
                    Optional<OpenedKeys> opened = keys.open(request);
                    try {
                        chain.doFilter(request, response);
                    } finally {
                        opened.ifPresent(OpenedKeys::close);
                    }
                }
            });
            registration.setOrder(0);
            return registration;
        }
    }
}
