package nl.haven.testing;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;

/**
 * A fresh organisation with one active user per role, each with an API token: the principals that API and access
 * tests act as. The token is a real credential ({@code Authorization: Bearer}), so requests take Haven's own path.
 */
public record StaffFixture(String slug, OrgId org, Map<Role, String> emails, Map<Role, UserId> ids, Map<Role, String> tokens) {
    public static final String PASSWORD = "violet harbour lantern seventeen";

    public static StaffFixture create(IdentityManagement identity, String prefix) {
        String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        OrgId org = identity.createOrganisation("Test " + slug, slug);
        Map<Role, String> emails = new EnumMap<>(Role.class);
        Map<Role, UserId> ids = new EnumMap<>(Role.class);
        Map<Role, String> tokens = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            String email = role.name().toLowerCase(Locale.ROOT) + "-" + slug + "@example.org";
            IdentityManagement.Invitation invitation = identity.invite(slug, email, role.name(), "Test " + role.name().toLowerCase(Locale.ROOT));
            identity.activate(invitation.token(), PASSWORD);
            enrol(identity, invitation.user());
            emails.put(role, email);
            ids.put(role, invitation.user());
            tokens.put(role, identity.createApiToken(email, 1));
        }
        settleKeys(identity, org, ids.values());
        return new StaffFixture(slug, org, emails, ids, tokens);
    }

    /**
     * With the legacy opener off (ADR 0006 C.7) the server gives the organisation's keys only to its first key holder;
     * every later key pair and token waits for a key holder's grant, as after the cut-over. The fixture's staff are
     * granted the way a key holder at the server does it: with a holder's password. Nothing waits with the opener on.
     */
    static void settleKeys(IdentityManagement identity, OrgId org, Iterable<UserId> members) {
        if (identity.waitingForKeys(org).isEmpty()) {
            return;
        }
        for (UserId holder : members) {
            try {
                identity.grantWaitingKeys(holder, PASSWORD);
                return;
            } catch (nl.haven.shared.BadInputException notAKeyHolder) {
                // not a key holder (no grant, or a role that reads no case): the next one
            }
        }
        throw new IllegalStateException("no staff member of the fixture's organisation holds its keys");
    }

    /** Every staff account has a second factor before it sees anything: enrol one, computing the code as an app would. */
    static void enrol(IdentityManagement identity, UserId user) {
        IdentityManagement.Enrolment enrolment = identity.startEnrolment(user);
        // A step not used before for this secret (TotpCodes): Haven accepts each code once, so a later log-in needs another.
        identity.confirmEnrolment(user, TotpCodes.fresh(enrolment.secret()));
    }

    /** The staff member of this role, as other modules see them. */
    public StaffMember member(Role role) {
        return new StaffMember(ids.get(role), org, role, "Test " + role);
    }

    public String bearer(Role role) {
        return "Bearer " + tokens.get(role);
    }

    /** Another user of the same role in this organisation (for "same organisation, not theirs" checks). */
    public UserId another(IdentityManagement identity, Role role) {
        String email = "another-" + role.name().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 6) + "-" + slug
                + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(slug, email, role.name(), null);
        identity.activate(invitation.token(), PASSWORD);
        enrol(identity, invitation.user());
        settleKeys(identity, org, ids.values());
        return invitation.user();
    }
}
