package nl.haven.identity;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The base of every link Haven gives out (activation, set-up, calendar feed): {@code haven.identity.public-url}
 * ({@code HAVEN_IDENTITY_PUBLICURL}), or {@code http://localhost:PORT} when it is unset ({@code https} when the request
 * came over HTTPS, as a trusted proxy may say). Never the request's
 * {@code Host} (or {@code X-Forwarded-Host}) header: a visitor chooses those, and a link built from them hands a
 * credential to whatever host the visitor named (host-header poisoning).
 */
@Component
public class PublicLinks {
    private final IdentitySettings settings;
    private final Environment environment;

    PublicLinks(IdentitySettings settings, Environment environment) {
        this.settings = settings;
        this.environment = environment;
    }

    /** The base address without a trailing slash, e.g. {@code https://haven.example.org}. */
    public String base() {
        String configured = settings.publicUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.strip().replaceAll("/+$", "");
        }
        return (secureRequest() ? "https" : "http") + "://localhost:"
                + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }

    /**
     * Whether the request being answered came over HTTPS: through TLS, or from a trusted reverse proxy that said so
     * ({@code HAVEN_TRUSTED_PROXIES}; Tomcat's RemoteIpValve sets the scheme only then). Only the scheme is taken from the
     * request, never a host.
     */
    private static boolean secureRequest() {
        return RequestContextHolder.getRequestAttributes()
                instanceof ServletRequestAttributes attributes && attributes.getRequest().isSecure();
    }

    /** {@link #base()} followed by {@code path}, which starts with a slash. */
    public String to(String path) {
        return base() + path;
    }
}
