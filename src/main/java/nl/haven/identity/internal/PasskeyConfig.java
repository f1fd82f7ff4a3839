package nl.haven.identity.internal;

import java.util.LinkedHashSet;
import nl.haven.identity.IdentityManagement;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Passkeys (WebAuthn, Spring Security with webauthn4j): stored in the database (V11), so every node
 * knows every passkey. User verification (PIN or biometrics on the authenticator) is required both
 * when a passkey is registered and at each log-in: a passkey then stands for two factors, something
 * one has and something one knows or is, and replaces password + TOTP. Passkeys are discoverable
 * (resident keys), so a log-in needs no e-mail address.
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfig {

    @Bean
    PublicKeyCredentialUserEntityRepository passkeyUserEntities(JdbcTemplate jdbc) {
        return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
    }

    @Bean
    UserCredentialRepository passkeyCredentials(JdbcTemplate jdbc, PasskeyStore passkeys, UserStore users, IdentityManagement identity,
            PlatformTransactionManager transactions) {
        return new AuditedUserCredentials(new JdbcUserCredentialRepository(jdbc), passkeys, users, identity,
                new TransactionTemplate(transactions));
    }

    @Bean
    @ConditionalOnWebApplication
    WebAuthnRelyingPartyOperations passkeyRelyingParty(PublicKeyCredentialUserEntityRepository userEntities,
            UserCredentialRepository credentials, WebAuthnSettings settings) {
        Webauthn4JRelyingPartyOperations operations = new Webauthn4JRelyingPartyOperations(userEntities, credentials,
                PublicKeyCredentialRpEntity.builder().id(settings.rpId()).name(settings.rpName()).build(),
                new LinkedHashSet<>(settings.origins()));
        operations.setCustomizeCreationOptions(options -> options.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                .userVerification(UserVerificationRequirement.REQUIRED).residentKey(ResidentKeyRequirement.REQUIRED).build()));
        operations.setCustomizeRequestOptions(options -> options.userVerification(UserVerificationRequirement.REQUIRED));
        return operations;
    }
}
