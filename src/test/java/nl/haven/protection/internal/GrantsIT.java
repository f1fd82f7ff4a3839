package nl.haven.protection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.OrganisationAdministration;
import nl.haven.identity.Role;
import nl.haven.protection.FieldRef;
import nl.haven.protection.Protection;
import nl.haven.protection.ProtectionException;
import nl.haven.shared.BadInputException;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * ADR 0006 step 6: an organisation's keys, sealed as one bundle to each staff member and token whose role reads cases.
 * Each test opens a case field the way a key holder will once the master key no longer can: from their own secret to
 * their private key, to the grant, to the keyset that wraps the case key stored in the database, to the field — no
 * master key on the way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class GrantsIT {
    private static final String SECRET = "Ik ben trans en zoek hulp — Алексей";

    @Autowired
    IdentityManagement identity;
    @Autowired
    OrganisationAdministration administration;
    @Autowired
    PrincipalKeys principals;
    @Autowired
    Protection protection;
    @Autowired
    JdbcClient jdbc;

    record Case(OrgId org, CaseId id, byte[] field) {
    }

    private Case newCase(OrgId org) {
        CaseId id = CaseId.random();
        protection.newCase(org, id);
        return new Case(org, id, protection.encryptText(new FieldRef(org, id, "canary_field", "body"), SECRET));
    }

    /**
     * The case's field opened with the organisation's keys as a grant gave them; the stored case key is opened here: with
     * the organisation's private key while it is sealed (as the intake stores it), with its keyset once absorbed.
     */
    private String read(KeyBundle bundle, Case c) throws Exception {
        Map<String, byte[]> row = jdbc.sql("select aead_keyset, sealed from case_key where case_id = ?").param(c.id().value())
                .query((rs, n) -> {
                    Map<String, byte[]> columns = new HashMap<>();
                    columns.put("aead", rs.getBytes(1));
                    columns.put("sealed", rs.getBytes(2));
                    return columns;
                }).single();
        Aead caseKey = row.get("sealed") != null
                ? Tink.aead(KeyBundle.openWith(bundle.part(OrgGrants.PAIR), row.get("sealed"), KeyManagement.caseBinding(c.org().value(), c.id().value()))
                        .part(KeyManagement.AEAD))
                : Tink.aead(Tink.unwrap(row.get("aead"), Tink.aead(bundle.part(OrgGrants.KEK)), KeyManagement.ad("case:" + c.id() + KeyManagement.AEAD)));
        // FieldRef's associated data (haven:v1|org|case|table|column), which the field is bound to
        byte[] ad = ("haven:v1|" + c.org() + "|" + c.id() + "|canary_field|body").getBytes(StandardCharsets.UTF_8);
        return new String(caseKey.decrypt(c.field(), ad), StandardCharsets.UTF_8);
    }

    private Optional<KeyBundle> withPassword(OrgId org, UserId user, String password) {
        KeysetHandle mine = principals.openWithPassword(user.value(), password.toCharArray()).orElseThrow();
        return principals.organisationKeys(org.value(), user.value(), mine);
    }

    private Optional<KeyBundle> withToken(OrgId org, String token) {
        UUID id = jdbc.sql("select id from api_token where token_hash = ?").param(IdentityManagement.sha256(token)).query(UUID.class).single();
        KeysetHandle its = principals.openWithToken(id, token).orElseThrow();
        return principals.organisationKeys(org.value(), id, its);
    }

    @Test
    void everyCaseRoleOpensItsOrganisationsCasesFromItsOwnSecretAndNoOtherRoleDoes() throws Exception {
        StaffFixture staff = StaffFixture.create(identity, "grants");
        Case c = newCase(staff.org());
        for (Role role : Role.values()) {
            Optional<KeyBundle> byPassword = withPassword(staff.org(), staff.ids().get(role), StaffFixture.PASSWORD);
            Optional<KeyBundle> byToken = withToken(staff.org(), staff.tokens().get(role));
            if (OrganisationAdministration.CASE_ROLES.contains(role)) {
                assertThat(read(byPassword.orElseThrow(), c)).as(role + " by password").isEqualTo(SECRET);
                assertThat(read(byToken.orElseThrow(), c)).as(role + "'s token").isEqualTo(SECRET);
            } else {
                assertThat(byPassword).as(role + " by password").isEmpty();
                assertThat(byToken).as(role + "'s token").isEmpty();
            }
        }
        // The bundle's key pair is the organisation's: what is sealed to its public key (a new intake, from step 8) opens.
        KeyBundle bundle = withPassword(staff.org(), staff.ids().get(Role.INTAKE), StaffFixture.PASSWORD).orElseThrow();
        byte[] orgPublic = jdbc.sql("select public_keyset from org_key where org_id = ?").param(staff.org().value()).query(byte[].class).single();
        byte[] binding = "test|org-pair".getBytes(StandardCharsets.UTF_8);
        assertThat(SealedKeys.open(bundle.part(OrgGrants.PAIR), SealedKeys.seal(orgPublic, SECRET.getBytes(StandardCharsets.UTF_8), binding), binding))
                .asString(StandardCharsets.UTF_8).isEqualTo(SECRET);
    }

    @Test
    void aGrantOpensOnlyForItsOrganisationAndPrincipal() throws Exception {
        StaffFixture mine = StaffFixture.create(identity, "grants-mine");
        StaffFixture theirs = StaffFixture.create(identity, "grants-theirs");
        newCase(mine.org());
        UserId colleague = mine.ids().get(Role.CASEWORKER);
        UserId stranger = theirs.ids().get(Role.CASEWORKER);
        assertThat(withPassword(mine.org(), stranger, StaffFixture.PASSWORD)).as("no grant of another organisation").isEmpty();

        // Another organisation's caseworker's principal given a copy of this organisation's grant: it does not open.
        UUID colleaguePrincipal = jdbc.sql("select id from principal where owner_id = ?").param(colleague.value()).query(UUID.class).single();
        UUID strangerPrincipal = jdbc.sql("select id from principal where owner_id = ?").param(stranger.value()).query(UUID.class).single();
        jdbc.sql("insert into org_grant (org_id, principal_id, sealed, created_at) select org_id, ?, sealed, created_at from org_grant "
                + "where org_id = ? and principal_id = ?").params(strangerPrincipal, mine.org().value(), colleaguePrincipal).update();
        assertThatThrownBy(() -> withPassword(mine.org(), stranger, StaffFixture.PASSWORD)).isInstanceOf(ProtectionException.class)
                .hasMessageContaining("does not open");
    }

    @Test
    void aRoleThatReadsCasesBringsTheGrantAndLosingItTakesItAway() throws Exception {
        StaffFixture staff = StaffFixture.create(identity, "grants-role");
        Case c = newCase(staff.org());
        UserId user = staff.ids().get(Role.ANALYST);
        UserId admin = staff.ids().get(Role.ADMIN);
        assertThat(withPassword(staff.org(), user, StaffFixture.PASSWORD)).isEmpty();

        assertThat(administration.changeRole(admin, user, "CASEWORKER").awaitingApproval()).isTrue();
        assertThat(withPassword(staff.org(), user, StaffFixture.PASSWORD)).as("before a coordinator's approval").isEmpty();
        UserId coordinator = staff.ids().get(Role.COORDINATOR);
        administration.approve(coordinator, administration.pendingGrants(coordinator).stream().filter(g -> g.user().equals(user)).findFirst()
                .orElseThrow().id());
        assertThat(read(withPassword(staff.org(), user, StaffFixture.PASSWORD).orElseThrow(), c)).isEqualTo(SECRET);
        assertThat(read(withToken(staff.org(), staff.tokens().get(Role.ANALYST)).orElseThrow(), c)).as("their token too").isEqualTo(SECRET);

        administration.changeRole(admin, user, "ANALYST");
        assertThat(withPassword(staff.org(), user, StaffFixture.PASSWORD)).isEmpty();
        assertThat(withToken(staff.org(), staff.tokens().get(Role.ANALYST))).isEmpty();
    }

    @Test
    void aRotationSealsTheGrantsAgainSoThatTheyOpenCasesWrappedByTheNewKey() throws Exception {
        StaffFixture staff = StaffFixture.create(identity, "grants-rotation");
        Case before = newCase(staff.org());
        protection.rotateOrganisationKeys(500, total -> { }, done -> { });
        Case after = newCase(staff.org());
        // The case made before the rotation is wrapped by the new key now, whether it was still sealed or already absorbed.
        assertThat(protection.caseKeyWrappedBy(staff.org(), before.id())).isEqualTo(protection.organisationPrimaryKey(staff.org()));
        KeyBundle bundle = withPassword(staff.org(), staff.ids().get(Role.LAWYER), StaffFixture.PASSWORD).orElseThrow();
        assertThat(read(bundle, before)).isEqualTo(SECRET);
        assertThat(read(bundle, after)).isEqualTo(SECRET);
    }

    /** After the cut-over a new password gives a new key pair and no grant: what a staff member has after losing theirs. */
    private void everyKeyHolderLosesTheirPassword(StaffFixture staff) {
        for (Role role : Role.values()) {
            principals.enrolPassword(staff.ids().get(role).value(), staff.org().value(), NEW_PASSWORD.toCharArray(), false);
        }
    }

    private static final String NEW_PASSWORD = "copper meadow whistle ninety";

    /** The key with its first letter changed, as a slip of the pen would. */
    private static String typo(String key) {
        return (key.charAt(0) == 'A' ? "B" : "A") + key.substring(1);
    }

    @Test
    void theRecoveryKeyAloneGrantsTheKeysAgainWhenEveryKeyHoldersPasswordIsLost() throws Exception {
        StaffFixture staff = StaffFixture.create(identity, "grants-recovery");
        StaffFixture elsewhere = StaffFixture.create(identity, "grants-recovery-other");
        Case c = newCase(staff.org());
        String recoveryKey = principals.newRecoveryKey(staff.org().value());
        assertThat(recoveryKey).matches("([A-Z2-7]{4}-){12}[A-Z2-7]{4}");
        String otherKey = principals.newRecoveryKey(elsewhere.org().value());
        UserId coordinator = staff.ids().get(Role.COORDINATOR);

        everyKeyHolderLosesTheirPassword(staff);
        assertThat(withPassword(staff.org(), coordinator, NEW_PASSWORD)).as("a new password opens no grant").isEmpty();

        assertThat(principals.recover(staff.org().value(), otherKey, coordinator.value())).as("another organisation's key").isFalse();
        assertThat(principals.recover(staff.org().value(), "AAAA-BBBB", coordinator.value())).as("not a key").isFalse();
        assertThat(principals.recover(staff.org().value(), typo(recoveryKey), coordinator.value())).as("one letter wrong").isFalse();
        assertThat(withPassword(staff.org(), coordinator, NEW_PASSWORD)).isEmpty();

        // As copied from paper: lower case, spaces for dashes.
        assertThat(principals.recover(staff.org().value(), recoveryKey.toLowerCase(Locale.ROOT).replace('-', ' '), coordinator.value()))
                .isTrue();
        assertThat(read(withPassword(staff.org(), coordinator, NEW_PASSWORD).orElseThrow(), c)).isEqualTo(SECRET);
        assertThat(withPassword(staff.org(), staff.ids().get(Role.CASEWORKER), NEW_PASSWORD)).as("only the one it was given to").isEmpty();
    }

    @Test
    void aNewRecoveryKeyReplacesTheOldOne() {
        StaffFixture staff = StaffFixture.create(identity, "grants-recovery-new");
        String first = principals.newRecoveryKey(staff.org().value());
        String second = principals.newRecoveryKey(staff.org().value());
        UserId coordinator = staff.ids().get(Role.COORDINATOR);
        assertThat(principals.recover(staff.org().value(), first, coordinator.value())).isFalse();
        assertThat(principals.recover(staff.org().value(), second, coordinator.value())).isTrue();
        assertThat(jdbc.sql("select count(*) from principal where owner_id = ? and kind = 'RECOVERY'").param(staff.org().value()).query(Long.class)
                .single()).isOne();
    }

    @Test
    void theCommandLinesRecoveryGivesTheKeysToANamedCoordinatorOnlyWithTheRightKeyAndRecordsIt() throws Exception {
        StaffFixture staff = StaffFixture.create(identity, "grants-recover-cli");
        Case c = newCase(staff.org());
        String key = identity.newRecoveryKey(staff.slug());
        everyKeyHolderLosesTheirPassword(staff);
        String coordinator = staff.emails().get(Role.COORDINATOR);

        assertThatThrownBy(() -> identity.recover(staff.slug(), key, staff.emails().get(Role.CASEWORKER))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("COORDINATOR");
        assertThatThrownBy(() -> identity.recover(staff.slug(), typo(key), coordinator))
                .isInstanceOf(BadInputException.class).hasMessageContaining("recovery key").hasMessageNotContaining(key);
        assertThatThrownBy(() -> identity.recover("no-such-org", key, coordinator)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no-such-org");
        assertThat(withPassword(staff.org(), staff.ids().get(Role.COORDINATOR), NEW_PASSWORD)).isEmpty();

        identity.recover(staff.slug(), key, coordinator);
        assertThat(read(withPassword(staff.org(), staff.ids().get(Role.COORDINATOR), NEW_PASSWORD).orElseThrow(), c)).isEqualTo(SECRET);
        assertThat(jdbc.sql("select action from audit_event where org_id = ? and action like 'organisation.re%' order by seq").param(staff.org().value())
                .query(String.class).list()).containsExactly("organisation.recovery-key-made", "organisation.recovered");
    }
}
