package nl.haven.protection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.OrganisationAdministration;
import nl.haven.identity.Role;
import nl.haven.shared.UserId;
import nl.haven.testing.StaffFixture;
import nl.haven.testing.TotpCodes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * ADR 0006 step 5: every staff member and API token gets a key pair whose private half is stored only under their own
 * secret; a password change keeps the pair under the new password; revocation and deactivation destroy it. The log-in
 * that makes a pair for an account without one is in {@code AccountHardeningIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PrincipalKeysIT {
    private static final byte[] CANARY = "sealed to a staff member: Алексей".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BINDING = "test|principal-keys".getBytes(StandardCharsets.UTF_8);

    @Autowired
    IdentityManagement identity;
    @Autowired
    OrganisationAdministration administration;
    @Autowired
    PrincipalKeys principals;
    @Autowired
    JdbcClient jdbc;

    private List<UUID> principalsOfUser(UserId user) {
        return jdbc.sql("select id from principal where user_id = ? order by kind").param(user.value()).query(UUID.class).list();
    }

    private long wrapsOf(List<UUID> ids) {
        return ids.stream().mapToLong(id -> jdbc.sql("select count(*) from principal_wrap where principal_id = ?").param(id).query(Long.class).single())
                .sum();
    }

    /** What is sealed to the stored public keyset opens with the private keyset the secret opened, and nothing else. */
    private void opensWhatIsSealedToItsPublicKey(UUID owner, KeysetHandle opened) throws Exception {
        byte[] publicKeyset = principals.publicKeyset(owner).orElseThrow();
        // The stored public keyset holds no secret: Tink refuses to read it as one with a secret, reads it without.
        TinkProtoKeysetFormat.parseKeysetWithoutSecret(publicKeyset);
        assertThat(SealedKeys.open(opened, SealedKeys.seal(publicKeyset, CANARY, BINDING), BINDING)).isEqualTo(CANARY);
    }

    @Test
    void activationMakesAKeyPairWhosePrivateHalfOnlyThePasswordOpens() throws Exception {
        StaffFixture staff = StaffFixture.create(identity, "principal-keys");
        UserId caseworker = staff.ids().get(Role.CASEWORKER);
        assertThat(jdbc.sql("select kind, org_id from principal where owner_id = ?").param(caseworker.value())
                .query((rs, n) -> rs.getString(1) + " " + rs.getObject(2, UUID.class)).single()).isEqualTo("STAFF " + staff.org().value());
        assertThat(jdbc.sql("select cost from principal_wrap w join principal p on p.id = w.principal_id where p.owner_id = ? and w.kind = 'PASSWORD'")
                .param(caseworker.value()).query(String.class).single()).isEqualTo("19456,2,1");

        KeysetHandle opened = principals.openWithPassword(caseworker.value(), StaffFixture.PASSWORD.toCharArray()).orElseThrow();
        opensWhatIsSealedToItsPublicKey(caseworker.value(), opened);
        assertThat(principals.openWithPassword(caseworker.value(), "violet harbour lantern eighteen".toCharArray())).isEmpty();
        // Nothing in the rows is the password or is opened by the server's own keys: the private keyset is only in the wrap.
        byte[] wrapped = jdbc.sql("select wrapped from principal_wrap w join principal p on p.id = w.principal_id where p.owner_id = ?")
                .param(caseworker.value()).query(byte[].class).single();
        assertThat(new String(wrapped, StandardCharsets.ISO_8859_1)).doesNotContain(StaffFixture.PASSWORD);

        // A wrap is bound to its principal: the lawyer's wrap (same password) copied onto the caseworker's principal does not open.
        UserId lawyer = staff.ids().get(Role.LAWYER);
        jdbc.sql("""
                update principal_wrap set wrapped = (select w.wrapped from principal_wrap w join principal p on p.id = w.principal_id
                    where p.owner_id = ? and w.kind = 'PASSWORD'), salt = (select w.salt from principal_wrap w join principal p on p.id = w.principal_id
                    where p.owner_id = ? and w.kind = 'PASSWORD')
                where principal_id = (select id from principal where owner_id = ?)""").params(lawyer.value(), lawyer.value(), caseworker.value()).update();
        assertThat(principals.openWithPassword(caseworker.value(), StaffFixture.PASSWORD.toCharArray())).isEmpty();
        assertThat(principals.openWithPassword(lawyer.value(), StaffFixture.PASSWORD.toCharArray())).isPresent();
    }

    @Test
    void aPasswordChangeWrapsTheSameKeyPairUnderTheNewPassword() throws Exception {
        StaffFixture staff = StaffFixture.create(identity, "principal-change");
        UserId user = staff.ids().get(Role.COORDINATOR);
        byte[] publicBefore = principals.publicKeyset(user.value()).orElseThrow();
        // The fixture does not keep its TOTP secrets: enrol again to have a code for the change.
        identity.resetSecondFactor(user);
        IdentityManagement.Enrolment enrolment = identity.startEnrolment(user);
        identity.confirmEnrolment(user, TotpCodes.fresh(enrolment.secret()));

        String replacement = "copper meadow whistle ninety";
        identity.changePassword(user, StaffFixture.PASSWORD, TotpCodes.fresh(enrolment.secret()), replacement);

        assertThat(principals.publicKeyset(user.value()).orElseThrow()).isEqualTo(publicBefore);
        assertThat(principals.openWithPassword(user.value(), StaffFixture.PASSWORD.toCharArray())).isEmpty();
        opensWhatIsSealedToItsPublicKey(user.value(), principals.openWithPassword(user.value(), replacement.toCharArray()).orElseThrow());
    }

    @Test
    void aTokenHasAKeyPairOfItsOwnUnderItsSecretThatRevocationDestroys() throws Exception {
        StaffFixture staff = StaffFixture.create(identity, "principal-token");
        UserId user = staff.ids().get(Role.LAWYER);
        IdentityManagement.NewApiToken token = identity.createApiToken(user, "laptop", 30);

        KeysetHandle opened = principals.openWithToken(token.id(), token.token()).orElseThrow();
        opensWhatIsSealedToItsPublicKey(token.id(), opened);
        assertThat(principals.openWithToken(token.id(), staff.tokens().get(Role.LAWYER))).as("another token's secret").isEmpty();
        assertThat(principals.openWithToken(user.value(), token.token())).as("the staff member's own principal is not a token's").isEmpty();

        assertThat(identity.revokeApiToken(user, token.id())).isTrue();
        assertThat(principals.publicKeyset(token.id())).isEmpty();
        assertThat(principals.openWithToken(token.id(), token.token())).isEmpty();
        assertThat(principals.publicKeyset(user.value())).as("the staff member's own pair stays").isPresent();
    }

    @Test
    void deactivationDestroysTheKeyPairsOfTheStaffMemberAndOfTheirTokens() {
        StaffFixture staff = StaffFixture.create(identity, "principal-gone");
        UserId user = staff.ids().get(Role.INTAKE);
        identity.createApiToken(user, "phone", 30);
        List<UUID> before = principalsOfUser(user);
        assertThat(before).hasSize(3); // their own, the fixture's command-line token, the one above
        assertThat(wrapsOf(before)).isEqualTo(3);

        administration.deactivate(staff.ids().get(Role.ADMIN), user);

        assertThat(principalsOfUser(user)).isEmpty();
        assertThat(wrapsOf(before)).isZero();
        assertThat(principalsOfUser(staff.ids().get(Role.CASEWORKER))).as("a colleague's").hasSize(2);
    }
}
