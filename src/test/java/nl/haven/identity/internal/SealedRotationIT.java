package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.protection.KeyRotation;
import nl.haven.shared.BadInputException;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Issue #23, ADR 0006 C.10: on a sealed installation the server cannot rotate an organisation's keys by itself; the
 * organisation's recovery key (or a key holder's keys) can. A new key pair replaces the organisation's (new intakes are
 * sealed to it; the old one stays in the bundle for what was sealed to it) and a new primary key goes into the keyset the bundle carries,
 * every grant is sealed again with it (from the holders' public keys), every case key — wrapped or still sealed from the
 * intake — is re-wrapped by it, in batches, and an interrupted rotation resumes. The new key is never wrapped by the master
 * key. Afterwards a token reads the cases (once its few seconds' cache of the old keys has passed), and a browser session
 * opened before the rotation is sent to "Unlock cases", where the password opens the new keys.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "haven.test.context=sealed-rotation")
@AutoConfigureMockMvc
@DirtiesContext
class SealedRotationIT {
    private static final String CANARY = "canary-rotation-Зоя-ريم-";

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    private record OrgKeyRow(byte[] keyset, long primary, boolean pending) {
    }

    private OrgKeyRow orgKey(StaffFixture org) {
        return jdbc.sql("select keyset, primary_key_id, rotation_pending from org_key where org_id = ?").param(org.org().value())
                .query((rs, n) -> new OrgKeyRow(rs.getBytes(1), rs.getLong(2), rs.getBoolean(3))).single();
    }

    private byte[] publicKeyset(StaffFixture org) {
        return jdbc.sql("select public_keyset from org_key where org_id = ?").param(org.org().value()).query(byte[].class).single();
    }

    private MvcResult read(StaffFixture org, UUID caseId) throws Exception {
        return mvc.perform(get("/api/v1/cases/" + caseId).header("Authorization", org.bearer(Role.COORDINATOR)).accept(MediaType.APPLICATION_JSON))
                .andReturn();
    }

    @Test
    void theRecoveryKeyRotatesASealedOrganisationsKeysResumablyAndItsHoldersReadOnWithTheNewKey() throws Exception {
        StaffFixture a = StaffFixture.create(identity, "sealed-rotation");
        String recoveryKey = identity.newRecoveryKey(a.slug());
        List<UUID> cases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            MvcResult made = mvc.perform(post("/api/v1/intake/" + a.slug()).contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", UUID.randomUUID().toString()).accept(MediaType.APPLICATION_JSON)
                    .content("{\"language\": \"en\", \"nationality\": \"US\", \"countryOfResidence\": \"US\", \"groups\": [\"trans\"], \"message\": \""
                            + CANARY + i + "\"}").with(r -> {
                                r.setRemoteAddr("203.0.113.9" + cases.size());
                                return r;
                            })).andReturn();
            assertThat(made.getResponse().getStatus()).isEqualTo(201);
            List<UUID> all = jdbc.sql("select id from case_file where org_id = ?").param(a.org().value()).query(UUID.class).list();
            all.removeAll(cases);
            cases.add(all.get(0)); // the one just made
        }
        assertThat(read(a, cases.get(0)).getResponse().getContentAsString(StandardCharsets.UTF_8)).contains(CANARY + 0); // one opened (absorbed)

        // A coordinator in a browser session from before the rotation.
        LogInHttp browser = LogInHttp.newCoordinator(identity, a.slug(), port);
        assertThat(browser.get("/cases/" + cases.get(1)).body()).contains(CANARY + 1);

        identity.seal();
        long before = orgKey(a).primary();
        byte[] publicBefore = publicKeyset(a);

        // Not the recovery key: refused, nothing changes.
        // Another first letter: five other bits of the key (replacing letters that the key may not contain left it
        // unchanged in about one run of thirty: 52 Base32 letters without an A or a C).
        String wrongKey = (recoveryKey.charAt(0) == 'A' ? "B" : "A") + recoveryKey.substring(1);
        assertThatThrownBy(() -> identity.rotateOrganisationKeys(a.slug(), wrongKey, 1, n -> { }, n -> { }))
                .isInstanceOf(BadInputException.class).hasMessageContaining("not the current recovery key").hasMessageNotContaining(recoveryKey);
        assertThat(orgKey(a).primary()).isEqualTo(before);
        assertThat(orgKey(a).pending()).isFalse();

        // Interrupted after its first batch of one case key ...
        AtomicLong total = new AtomicLong();
        assertThatThrownBy(() -> identity.rotateOrganisationKeys(a.slug(), recoveryKey, 1, total::set, done -> {
            throw new IllegalStateException("stopped after " + done);
        })).hasMessage("stopped after 1");
        assertThat(total.get()).isEqualTo(3);
        OrgKeyRow interrupted = orgKey(a);
        assertThat(interrupted.pending()).isTrue();
        assertThat(interrupted.primary()).isNotEqualTo(before);
        assertThat(interrupted.keyset()).as("the new key is never wrapped by the master key").isNull();
        assertThat(publicKeyset(a)).as("a new key pair: intakes from now on are sealed to it").isNotEqualTo(publicBefore);
        assertThat(jdbc.sql("select count(*) from org_key where org_id = ? and private_keyset is null").param(a.org().value()).query(Long.class).single())
                .isOne();

        // ... and resumed: every case key, the still-sealed ones included, is wrapped by the new key.
        AtomicLong progress = new AtomicLong();
        KeyRotation resumed = identity.rotateOrganisationKeys(a.slug(), recoveryKey, 1, total::set, progress::set);
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.caseKeys()).isEqualTo(2);
        assertThat(progress.get()).isEqualTo(2);
        OrgKeyRow rotated = orgKey(a);
        assertThat(rotated.pending()).isFalse();
        assertThat(rotated.primary()).isEqualTo(interrupted.primary());
        assertThat(rotated.keyset()).isNull();
        assertThat(jdbc.sql("select count(*) from case_key where org_id = ? and (sealed is not null or wrapped_by <> ?)")
                .params(a.org().value(), rotated.primary()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'organisation.keys-rotated'").query(Long.class).single()).as("recorded once, when done").isEqualTo(1);

        // The browser session's keys are from before the rotation: for a case no request of this node has opened since (case
        // keys are cached for a few seconds), it is sent to "Unlock cases", and the password opens the new ones.
        LogInHttp.Response stale = browser.get("/cases/" + cases.get(2));
        assertThat(stale.status()).isEqualTo(302);
        assertThat(stale.location()).contains("/account/unlock");
        LogInHttp.Response unlocked = browser.post("/account/unlock", "/account/unlock?next=/cases/" + cases.get(2),
                Map.of("password", StaffFixture.PASSWORD, "next", "/cases/" + cases.get(2)));
        assertThat(unlocked.status()).as(unlocked.body()).isEqualTo(302);
        assertThat(browser.get("/cases/" + cases.get(2)).body()).contains(CANARY + 2);

        // The token reads every case once its cache of the old keys (a few seconds) has passed.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        MvcResult last = read(a, cases.get(0));
        while (last.getResponse().getStatus() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            last = read(a, cases.get(0));
        }
        for (int i = 0; i < cases.size(); i++) {
            assertThat(read(a, cases.get(i)).getResponse().getContentAsString(StandardCharsets.UTF_8)).contains(CANARY + i);
        }

        // An intake after the rotation is sealed to the new key pair, which the grants carry.
        MvcResult after = mvc.perform(post("/api/v1/intake/" + a.slug()).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).accept(MediaType.APPLICATION_JSON)
                .content("{\"language\": \"en\", \"nationality\": \"US\", \"countryOfResidence\": \"US\", \"groups\": [\"trans\"], \"message\": \""
                        + CANARY + "after\"}").with(r -> {
                            r.setRemoteAddr("203.0.113.99");
                            return r;
                        })).andReturn();
        assertThat(after.getResponse().getStatus()).isEqualTo(201);
        List<UUID> all = jdbc.sql("select id from case_file where org_id = ?").param(a.org().value()).query(UUID.class).list();
        all.removeAll(cases);
        assertThat(jdbc.sql("select sealed from case_key where case_id = ?").param(all.get(0)).query(byte[].class).single()).isNotNull();
        assertThat(read(a, all.get(0)).getResponse().getContentAsString(StandardCharsets.UTF_8)).contains(CANARY + "after");
    }
}
