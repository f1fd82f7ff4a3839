package nl.haven.identity.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import nl.haven.protection.StaffSessionSecrets;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.authentication.PublicKeyCredentialRequestOptionsRepository;

/**
 * The passkey log-in's options (its challenge) kept by the browser, not in a server-side session (issue #15, point 13).
 * Spring Security keeps them in the HttpSession: every anonymous {@code POST /webauthn/authenticate/options} then
 * created a session row in the database, without limit. Here they travel in a cookie sealed with an HMAC under the staff
 * sessions key (so any node that shares the keys directory accepts it and nobody can make one), HttpOnly, SameSite=Strict,
 * sent only to {@code /login/webauthn}, and refused once the options' timeout has passed. The log-in clears it.
 *
 * <p>What it holds: the challenge, the relying party id, the user verification asked for, the expiry: what the
 * verification of the passkey's answer reads. No account is named (the options name none: discoverable credentials).
 *
 * <p>Limit: unlike a session attribute, a cookie cannot be taken back by the server. Someone holding both the cookie and
 * a passkey's answer to its challenge could present them again until the cookie expires; the passkey's signature
 * counter and TLS are what stand against that.
 */
final class SealedRequestOptions implements PublicKeyCredentialRequestOptionsRepository {
    static final String COOKIE = "PASSKEY-OPTIONS";
    static final String LABEL = "passkey-log-in-options";
    /** When the options name no timeout of their own. */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private final StaffSessionSecrets secrets;
    private final Clock clock;

    SealedRequestOptions(StaffSessionSecrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public void save(HttpServletRequest request, HttpServletResponse response, @Nullable PublicKeyCredentialRequestOptions options) {
        if (options == null) {
            write(request, response, "", Duration.ZERO);
            return;
        }
        Duration lifetime = options.getTimeout() != null && !options.getTimeout().isZero() ? options.getTimeout() : DEFAULT_LIFETIME;
        String payload = String.join("|", String.valueOf(clock.instant().plus(lifetime).getEpochSecond()),
                options.getChallenge().toBase64UrlString(), options.getUserVerification().getValue(), String.valueOf(lifetime.toMillis()),
                options.getRpId());
        byte[] sealed = secrets.seal(LABEL, payload.getBytes(StandardCharsets.UTF_8));
        write(request, response, Base64.getUrlEncoder().withoutPadding().encodeToString(sealed), lifetime);
    }

    @Override
    public @Nullable PublicKeyCredentialRequestOptions load(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                return open(cookie.getValue());
            }
        }
        return null;
    }

    private @Nullable PublicKeyCredentialRequestOptions open(String value) {
        byte[] payload;
        try {
            payload = secrets.open(LABEL, Base64.getUrlDecoder().decode(value));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        if (payload == null) {
            return null;
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", 5);
        if (parts.length != 5 || !clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(parts[0])))) {
            return null;
        }
        UserVerificationRequirement verification = List.of(UserVerificationRequirement.REQUIRED, UserVerificationRequirement.PREFERRED,
                UserVerificationRequirement.DISCOURAGED).stream().filter(v -> v.getValue().equals(parts[2])).findFirst()
                .orElse(UserVerificationRequirement.REQUIRED);
        return PublicKeyCredentialRequestOptions.builder().challenge(Bytes.fromBase64(parts[1])).userVerification(verification)
                .timeout(Duration.ofMillis(Long.parseLong(parts[3]))).rpId(parts[4]).allowCredentials(List.of()).build();
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, String value, Duration maxAge) {
        ResponseCookie cookie = ResponseCookie.from(COOKIE, value).path(request.getContextPath() + "/login/webauthn").httpOnly(true)
                .secure(request.isSecure()).sameSite("Strict").maxAge(maxAge).build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }
}
