package nl.haven.identity.internal;

import java.util.List;
import nl.haven.identity.IdentityManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Security's JDBC store of passkeys, with an audit event for each passkey added
 * ({@code auth.passkey-registered}) or removed ({@code auth.passkey-removed}) in the same transaction,
 * whichever way it happens (the registration ceremony, the passkey page). A save of a known passkey is
 * a log-in updating its signature counter and last use, not a registration.
 */
final class AuditedUserCredentials implements UserCredentialRepository {
    private final UserCredentialRepository store;
    private final PasskeyStore passkeys;
    private final UserStore users;
    private final IdentityManagement identity;
    private final TransactionTemplate transaction;

    AuditedUserCredentials(UserCredentialRepository store, PasskeyStore passkeys, UserStore users, IdentityManagement identity,
            TransactionTemplate transaction) {
        this.store = store;
        this.passkeys = passkeys;
        this.users = users;
        this.identity = identity;
        this.transaction = transaction;
    }

    @Override
    public void delete(Bytes credentialId) {
        transaction.executeWithoutResult(status -> {
            var owner = passkeys.owner(credentialId.toBase64UrlString()).flatMap(users::byEmail);
            store.delete(credentialId);
            owner.ifPresent(account -> identity.passkeyRemoved(account.id()));
        });
    }

    @Override
    public void save(CredentialRecord record) {
        transaction.executeWithoutResult(status -> {
            boolean added = store.findByCredentialId(record.getCredentialId()) == null;
            store.save(record);
            if (added) {
                UserStore.Account account = passkeys.ownerOfUserHandle(record.getUserEntityUserId().toBase64UrlString()).flatMap(users::byEmail)
                        .orElseThrow(() -> new IllegalStateException("a passkey for a user entity without a staff account"));
                identity.passkeyRegistered(account.id());
            }
        });
    }

    @Override
    public @Nullable CredentialRecord findByCredentialId(Bytes credentialId) {
        return store.findByCredentialId(credentialId);
    }

    @Override
    public List<CredentialRecord> findByUserId(Bytes userId) {
        return store.findByUserId(userId);
    }
}
