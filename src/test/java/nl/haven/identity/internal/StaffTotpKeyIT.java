package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.protection.Protection;
import nl.haven.protection.ProtectionException;
import nl.haven.protection.ProtectionSettings;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import nl.haven.testing.TotpCodes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue #23, ADR 0006 step 3: staff TOTP secrets are sealed under the server key file {@code keys/staff-totp.json},
 * bound to their user, instead of under the organisation's keyset (which sealed at rest will take off the server);
 * a secret sealed the old way still works and is sealed again at start-up and when it is read.
 */
@SpringBootTest
class StaffTotpKeyIT {
    static final String PASSWORD = "violet harbour lantern seventeen";

    @Autowired
    IdentityManagement identity;
    @Autowired
    Protection protection;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProtectionSettings settings;

    record Staff(UserId user, OrgId org) {
    }

    Staff staff() {
        String slug = "totp-" + UUID.randomUUID().toString().substring(0, 8);
        OrgId org = identity.createOrganisation("TOTP key test", slug);
        IdentityManagement.Invitation invitation = identity.invite(slug, "t-" + UUID.randomUUID() + "@example.org", "caseworker", null);
        identity.activate(invitation.token(), PASSWORD);
        return new Staff(invitation.user(), org);
    }

    byte[] stored(UserId user) {
        return jdbc.sql("select totp_secret from app_user where id = ?").param(user.value()).query(byte[].class).single();
    }

    @Test
    void anEnrolledSecretIsSealedUnderTheStaffKeyFileForItsUserAndNotUnderTheOrganisationsKey() throws Exception {
        Staff staff = staff();
        String secret = identity.startEnrolment(staff.user()).secret();
        identity.confirmEnrolment(staff.user(), TotpCodes.fresh(secret));

        assertThat(Files.isRegularFile(settings.keysDir().resolve("staff-totp.json"))).isTrue();
        byte[] sealed = stored(staff.user());
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        Protection.StaffSecret opened = protection.openForStaff(staff.user(), staff.org(), "totp-secret", sealed);
        assertThat(opened.legacy()).isFalse();
        assertThat(new String(opened.value(), StandardCharsets.UTF_8)).isEqualTo(secret);
        assertThat(opened.toString()).doesNotContain(secret);
        // Not the organisation's key: nothing of the organisation's keyset opens it.
        assertThatThrownBy(() -> protection.openForOrganisation(staff.org(), "totp-secret", sealed)).isInstanceOf(ProtectionException.class);
        // Bound to its user: the row copied to a colleague opens neither way.
        Staff colleague = staff();
        assertThatThrownBy(() -> protection.openForStaff(colleague.user(), staff.org(), "totp-secret", sealed))
                .isInstanceOf(ProtectionException.class);
        assertThat(identity.verifySecondFactor(staff.user(), TotpCodes.fresh(secret))).isTrue();
    }

    /** A staff member enrolled with a secret stored as a version before step 3 stored it, under the organisation's key. */
    record Legacy(Staff staff, String secret, byte[] sealed) {
    }

    Legacy enrolledTheOldWay() throws Exception {
        Staff staff = staff();
        String secret = identity.startEnrolment(staff.user()).secret();
        identity.confirmEnrolment(staff.user(), TotpCodes.fresh(secret));
        byte[] legacy = protection.sealForOrganisation(staff.org(), "totp-secret", secret.getBytes(StandardCharsets.UTF_8));
        jdbc.sql("update app_user set totp_secret = ? where id = ?").params(legacy, staff.user().value()).update();
        assertThat(protection.openForStaff(staff.user(), staff.org(), "totp-secret", stored(staff.user())).legacy()).isTrue();
        return new Legacy(staff, secret, legacy);
    }

    @Test
    void aSecretSealedTheOldWayUnderTheOrganisationsKeyStillLogsInAndIsSealedAgainAtStartUp() throws Exception {
        Legacy old = enrolledTheOldWay();
        Staff staff = old.staff();
        String secret = old.secret();
        byte[] legacy = old.sealed();

        identity.resealLegacyTotpSecrets(); // what every start runs (ApplicationReadyEvent)

        byte[] resealed = stored(staff.user());
        assertThat(resealed).isNotEqualTo(legacy);
        Protection.StaffSecret opened = protection.openForStaff(staff.user(), staff.org(), "totp-secret", resealed);
        assertThat(opened.legacy()).isFalse();
        assertThat(new String(opened.value(), StandardCharsets.UTF_8)).isEqualTo(secret);
        assertThatThrownBy(() -> protection.openForOrganisation(staff.org(), "totp-secret", resealed)).isInstanceOf(ProtectionException.class);
        assertThat(identity.verifySecondFactor(staff.user(), TotpCodes.fresh(secret))).isTrue();
    }

    @Test
    void aSecretSealedTheOldWayIsSealedAgainWhenItIsReadAtLogIn() throws Exception {
        Legacy old = enrolledTheOldWay();
        Staff staff = old.staff();

        assertThat(identity.verifySecondFactor(staff.user(), TotpCodes.fresh(old.secret()))).isTrue();

        assertThat(protection.openForStaff(staff.user(), staff.org(), "totp-secret", stored(staff.user())).legacy()).isFalse();
    }

    @Test
    void aPendingEnrolmentIsSealedTheNewWayToo() {
        Staff staff = staff();
        String secret = identity.startEnrolment(staff.user()).secret();
        Protection.StaffSecret opened = protection.openForStaff(staff.user(), staff.org(), "totp-secret", stored(staff.user()));
        assertThat(opened.legacy()).isFalse();
        assertThat(new String(opened.value(), StandardCharsets.UTF_8)).isEqualTo(secret);
        Path keys = settings.keysDir();
        assertThat(keys.resolve("staff-totp.json")).exists();
    }
}
