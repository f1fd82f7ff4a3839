package nl.haven.identity.internal;

import java.time.Clock;
import nl.haven.identity.PasswordPolicy;
import nl.haven.identity.Role;
import nl.haven.shared.BadInputException;
import nl.haven.protection.KeyHolders;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates the first organisation and its administrator through the one-time set-up link. */
@Service
class SettingUp {
    private final SetupTokenStore tokens;
    private final OrganisationStore organisations;
    private final UserStore users;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final KeyHolders keyHolders;

    SettingUp(SetupTokenStore tokens, OrganisationStore organisations, UserStore users, PasswordEncoder encoder, Clock clock, KeyHolders keyHolders) {
        this.keyHolders = keyHolders;
        this.tokens = tokens;
        this.organisations = organisations;
        this.users = users;
        this.encoder = encoder;
        this.clock = clock;
    }

    boolean linkValid(String token) {
        return tokens.isValid(token, clock.instant());
    }

    /**
     * All or nothing: the token is consumed in the same transaction that creates the organisation and
     * its administrator, so a failure leaves the link usable and nothing half-created.
     */
    /** What the set-up made: the organisation, and its recovery key to be shown once (issue #23). */
    record Done(OrgId org, String recoveryKey) {
        @Override
        public String toString() {
            return "SettingUp.Done[" + org + "]";
        }
    }

    @Transactional
    Done setUp(String token, SetupForm form) {
        // The first administrator's password passes the same policy as everyone's: not built on the organisation or the address.
        String problem = PasswordPolicy.problem(form.password(), form.email(), form.orgName(), form.orgSlug());
        if (problem != null) {
            throw new BadInputException("password", problem);
        }
        if (organisations.slugTaken(form.orgSlug())) {
            throw new BadInputException("orgSlug", "the address name '" + form.orgSlug() + "' is taken");
        }
        if (users.emailTaken(form.email())) {
            throw new BadInputException("email", "this e-mail address already has an account");
        }
        if (!tokens.consume(token, clock.instant())) {
            throw new BadInputException("token", "the set-up link is not valid (used or expired)");
        }
        OrgId org = organisations.create(form.orgSlug(), form.orgName().trim(), clock.instant());
        UserId admin = users.create(org, form.email(), form.adminName().trim(), Role.ADMIN, encoder.encode(form.password()), clock.instant());
        keyHolders.passwordSet(admin, org, form.password(), false); // an administrator reads no case
        return new Done(org, keyHolders.newRecoveryKey(org));
    }
}
