package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.time.Instant;
import java.util.Set;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.internal.LogInFixture.Event;
import nl.haven.identity.internal.LogInFixture.Staff;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Passkeys below the browser (PasskeyBrowserIT runs the ceremonies): only a full log-in may register
 * one; the options demand user verification and discoverable credentials; the tables of V11 take
 * Spring Security's records; additions and removals are audited with ids only; an administrator's
 * second-factor reset removes the passkeys too; Spring Security's script is served under Haven's CSP.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PasskeyIT {
    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserCredentialRepository credentials;
    @Autowired
    PublicKeyCredentialUserEntityRepository userEntities;
    @Autowired
    PasskeyStore passkeys;

    LogInFixture fixture;
    Staff staff;

    @BeforeEach
    void staff() throws Exception {
        fixture = new LogInFixture(identity, mvc, jdbc);
        staff = fixture.staff(fixture.newOrg(), "COORDINATOR");
    }

    long userEntities(String email) {
        return fixture.count("select count(*) from user_entities where name = ?", email);
    }

    @Test
    void onlyAFullLogInMayRegisterAPasskey() throws Exception {
        mvc.perform(post("/webauthn/register/options").with(csrf())).andExpect(status().isForbidden());
        Cookie passwordOnly = fixture.passwordOnly(staff);
        mvc.perform(post("/webauthn/register/options").cookie(passwordOnly).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/webauthn/register").cookie(passwordOnly).with(csrf()).contentType("application/json").content("{}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/account/passkeys").cookie(passwordOnly)).andExpect(redirectedUrl("/mfa"));
        assertThat(userEntities(staff.email())).isZero();

        Cookie full = fixture.logIn(staff);
        mvc.perform(post("/webauthn/register/options").cookie(full)).andExpect(status().isForbidden()); // no CSRF token
        String options = mvc.perform(post("/webauthn/register/options").cookie(full).with(csrf())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(options).contains("\"userVerification\":\"required\"", "\"residentKey\":\"required\"", "\"id\":\"localhost\"",
                "\"name\":\"" + staff.email() + "\"");
        assertThat(userEntities(staff.email())).isOne();
    }

    @Test
    void logInOptionsDemandUserVerificationAndNameNoOne() throws Exception {
        String options = mvc.perform(post("/webauthn/authenticate/options").with(csrf())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(options).contains("\"userVerification\":\"required\"", "\"rpId\":\"localhost\"", "\"allowCredentials\":[]");
        mvc.perform(post("/webauthn/authenticate/options")).andExpect(status().isForbidden());
        // A made-up assertion is refused without a log-in.
        mvc.perform(post("/login/webauthn").with(csrf()).contentType("application/json").content("{}")).andExpect(status().isUnauthorized());
    }

    CredentialRecord record(Bytes userHandle, Bytes credentialId, long signatureCount) {
        return ImmutableCredentialRecord.builder().credentialId(credentialId).userEntityUserId(userHandle)
                .publicKey(new ImmutablePublicKeyCose(new byte[] { 1, 2, 3 })).signatureCount(signatureCount).uvInitialized(true)
                .backupEligible(false).backupState(false).transports(Set.of(AuthenticatorTransport.INTERNAL))
                .credentialType(PublicKeyCredentialType.PUBLIC_KEY).created(Instant.now()).lastUsed(Instant.now()).label("Phone").build();
    }

    Bytes userHandle(String email) {
        Bytes handle = Bytes.random();
        userEntities.save(ImmutablePublicKeyCredentialUserEntity.builder().id(handle).name(email)
                .displayName(email).build());
        return handle;
    }

    @Test
    void passkeysAreStoredAndTheirAdditionAndRemovalAudited() throws Exception {
        Bytes handle = userHandle(staff.email());
        Bytes id = Bytes.random();
        long before = fixture.lastEvent();
        credentials.save(record(handle, id, 0));
        credentials.save(record(handle, id, 1)); // a log-in updating the counter: not a new passkey
        assertThat(credentials.findByCredentialId(id).getSignatureCount()).isEqualTo(1);
        assertThat(credentials.findByUserId(handle)).hasSize(1);
        assertThat(passkeys.of(staff.email())).extracting(PasskeyStore.Passkey::label).containsExactly("Phone");

        // Another user's passkey is unknown on the passkey page, as a nonexistent one.
        Staff other = fixture.staff(fixture.newOrg(), "CASEWORKER");
        Cookie otherSession = fixture.logIn(other);
        mvc.perform(post("/account/passkeys/" + id.toBase64UrlString() + "/delete").cookie(otherSession).with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(credentials.findByCredentialId(id)).isNotNull();

        Cookie session = fixture.logIn(staff);
        String page = mvc.perform(get("/account/passkeys").cookie(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("Phone", "/login/webauthn.js", "/js/passkeys.js").doesNotContain("<script>");
        mvc.perform(post("/account/passkeys/" + id.toBase64UrlString() + "/delete").cookie(session).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(credentials.findByCredentialId(id)).isNull();

        String user = staff.id().value().toString();
        assertThat(fixture.eventsSince(before)).filteredOn(e -> e.action().startsWith("auth.passkey"))
                .containsExactly(new Event("auth.passkey-registered", user, user), new Event("auth.passkey-removed", user, user));
    }

    @Test
    void aSecondFactorResetRemovesThePasskeys() {
        Bytes handle = userHandle(staff.email());
        credentials.save(record(handle, Bytes.random(), 0));
        credentials.save(record(handle, Bytes.random(), 0));
        assertThat(passkeys.of(staff.email())).hasSize(2);
        identity.resetSecondFactor(staff.id());
        assertThat(passkeys.of(staff.email())).isEmpty();
    }

    @Test
    void springSecuritysScriptIsServedUnderHavensPolicy() throws Exception {
        mvc.perform(get("/login/webauthn.js")).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", Matchers.containsString("javascript")))
                .andExpect(header().string("Content-Security-Policy", Matchers.containsString("script-src 'self';")))
                .andExpect(content().string(Matchers.containsString("window.setupLogin")));
        mvc.perform(get("/js/passkeys.js")).andExpect(status().isOk());
        String login = mvc.perform(get("/login")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        // No inline script; the passkey controls are hidden until the script shows them.
        assertThat(login).doesNotContain("<script>").contains("<div id=\"passkey-login-area\" hidden>");
    }
}
