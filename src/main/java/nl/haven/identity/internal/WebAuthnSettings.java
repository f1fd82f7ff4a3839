package nl.haven.identity.internal;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The WebAuthn relying party: passkeys are bound to {@code rpId}, and a log-in or registration is
 * accepted only from one of {@code origins} (scheme, host and port exactly as the browser shows them).
 *
 * @param rpId the relying party id: the host name people reach Haven at (or a registrable suffix of it),
 *        without scheme or port, e.g. {@code haven.example.org}
 * @param rpName the name authenticators show
 * @param origins the addresses Haven is served at, e.g. {@code https://haven.example.org}
 */
@ConfigurationProperties("haven.webauthn")
record WebAuthnSettings(@DefaultValue("localhost") String rpId, @DefaultValue("Haven") String rpName,
        @DefaultValue("http://localhost:8080") List<String> origins) {
}
