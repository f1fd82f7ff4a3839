package nl.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.protection.FieldRef;
import nl.haven.protection.KeyNotOpenException;
import nl.haven.protection.Protection;
import nl.haven.shared.CaseId;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * ADR 0006 step 8, with the legacy opener off (as it will be for good from the cut-over) and nobody logged in: the
 * anonymous intake — the JSON API and the form with a file — opens cases without any secret of the organisation, because
 * each new case's keys are sealed to the organisation's public key. Only a key holder opens them afterwards, and the
 * first opening replaces the seal by a wrap under the organisation's keyset ("absorb").
 */
@SpringBootTest(properties = "haven.protection.legacy-opener=false")
@AutoConfigureMockMvc
class IntakeNeedsNoSecretIT {
    private static final String MESSAGE = "Мне нужна помощь — canary-sealed-8c1d";
    private static final String FILE_NAME = "паспорт-canary-file-5e2a.png";

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    Protection protection;
    @Autowired
    JdbcClient jdbc;

    private record StoredKey(byte[] sealed, byte[] aead, Long wrappedBy) {
    }

    private StoredKey key(UUID caseId) {
        return jdbc.sql("select sealed, aead_keyset, wrapped_by from case_key where case_id = ?").param(caseId)
                .query((rs, n) -> new StoredKey(rs.getBytes(1), rs.getBytes(2), rs.getObject(3) == null ? null : rs.getLong(3))).single();
    }

    @Test
    void theIntakeOpensCasesWithNobodyLoggedInAndOnlyAKeyHolderReadsThem() throws Exception {
        StaffFixture staff = StaffFixture.create(identity, "no-secret");
        MvcResult api = mvc.perform(post("/api/v1/intake/" + staff.slug()).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).accept(MediaType.APPLICATION_JSON)
                .content("""
                        {"language": "ru", "nationality": "RU", "countryOfResidence": "RU", "groups": ["gay"], "message": "%s"}""".formatted(MESSAGE))
                .with(r -> {
                    r.setRemoteAddr("203.0.113.71");
                    return r;
                })).andReturn();
        assertThat(api.getResponse().getStatus()).as(api.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);

        MvcResult form = mvc.perform(multipart("/intake/" + staff.slug() + "?lang=en").file(new MockMultipartFile("files", FILE_NAME, "image/png",
                IntakeFixture.png(12, 12))).param("submission", UUID.randomUUID().toString()).param("nameUsed", "Robin").param("groups", "trans")
                .param("nationality", "US").param("countryOfResidence", "US").param("message", MESSAGE).param("contactChannel", "none")
                .param("contactValue", "").param("consentProcessing", "true").with(csrf()).with(r -> {
                    r.setRemoteAddr("203.0.113.72");
                    return r;
                })).andReturn();
        assertThat(form.getResponse().getStatus()).isEqualTo(200);
        assertThat(IntakeFixture.codename(form.getResponse().getContentAsString(StandardCharsets.UTF_8))).isNotBlank();

        List<UUID> cases = jdbc.sql("select id from case_file where org_id = ?").param(staff.org().value()).query(UUID.class).list();
        assertThat(cases).hasSize(2);
        for (UUID id : cases) {
            StoredKey stored = key(id);
            assertThat(stored.sealed()).as("sealed to the organisation's public key").isNotNull();
            assertThat(stored.aead()).as("no wrap under the organisation's keyset").isNull();
            assertThat(stored.wrappedBy()).isNull();
            // The requests ran on this thread (MockMvc) and left it nothing: the stored details do not open here.
            byte[] details = jdbc.sql("select details from case_file where id = ?").param(id).query(byte[].class).single();
            assertThatThrownBy(() -> protection.decrypt(new FieldRef(staff.org(), new CaseId(id), "case_file", "details"), details))
                    .isInstanceOf(KeyNotOpenException.class);
        }

        // A key holder (a caseworker's API token, through its own grant) reads both, the file's name included.
        for (UUID id : cases) {
            String page = mvc.perform(get("/api/v1/cases/" + id).header("Authorization", staff.bearer(Role.COORDINATOR))
                    .accept(MediaType.APPLICATION_JSON)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(page).contains(MESSAGE);
        }
        UUID withFile = jdbc.sql("select case_id from case_document where org_id = ?").param(staff.org().value()).query(UUID.class).single();
        String documents = mvc.perform(get("/api/v1/cases/" + withFile + "/documents").header("Authorization", staff.bearer(Role.COORDINATOR))
                .accept(MediaType.APPLICATION_JSON)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(documents).contains("паспорт-canary-file-5e2a");

        // That opening replaced each seal by a wrap under the organisation's keyset (done after the request, off its thread).
        Map<UUID, StoredKey> absorbed = Map.of();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            absorbed = Map.of(cases.get(0), key(cases.get(0)), cases.get(1), key(cases.get(1)));
            if (absorbed.values().stream().allMatch(k -> k.sealed() == null)) {
                break;
            }
            Thread.sleep(50);
        }
        for (StoredKey stored : absorbed.values()) {
            assertThat(stored.sealed()).as("absorbed").isNull();
            assertThat(stored.aead()).isNotNull();
            assertThat(stored.wrappedBy()).isEqualTo(protection.organisationPrimaryKey(staff.org()));
        }
        for (UUID id : cases) { // and read the same way afterwards
            assertThat(mvc.perform(get("/api/v1/cases/" + id).header("Authorization", staff.bearer(Role.COORDINATOR)).accept(MediaType.APPLICATION_JSON))
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).contains(MESSAGE);
        }
    }
}
