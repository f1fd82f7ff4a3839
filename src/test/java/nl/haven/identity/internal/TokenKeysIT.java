package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
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
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * ADR 0006 step 7 for API tokens (C.5), with the legacy opener off — as it will be for good from the cut-over: an API
 * request gets its organisation's keys only from its token's own grant, opened with the token's secret, and holds them
 * for that request only.
 */
@SpringBootTest(properties = "haven.protection.legacy-opener=false")
@AutoConfigureMockMvc
class TokenKeysIT {
    private static final String NAME = "Алексей Canary-7f3e";
    private static final String CASE = """
            {"nationality": "ru", "countryOfResidence": "RU", "details": {"nameUsed": "%s", "groups": ["gay"], "facts": [],
             "request": "I need advice about asylum.", "language": "en"}}""".formatted(NAME);

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    Protection protection;
    @Autowired
    JdbcClient jdbc;

    private String open(StaffFixture staff) throws Exception {
        String created = mvc.perform(post("/api/v1/cases").header("Authorization", staff.bearer(Role.COORDINATOR)).contentType(MediaType.APPLICATION_JSON)
                .content(CASE).accept(MediaType.APPLICATION_JSON)).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return JsonMapper.builder().build().readTree(created).get("id").stringValue();
    }

    @Test
    void anApiTokenOpensAndReadsItsOrganisationsCasesThroughItsOwnGrantAndTheThreadKeepsNothing() throws Exception {
        StaffFixture staff = StaffFixture.create(identity, "token-keys");
        String id = open(staff);
        mvc.perform(get("/api/v1/cases/" + id).header("Authorization", staff.bearer(Role.COORDINATOR)).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString(NAME)));

        // The request ran on this thread (MockMvc) and held the keys only while it ran: this thread has none now.
        byte[] stored = jdbc.sql("select details from case_file where id = ?").param(UUID.fromString(id)).query(byte[].class).single();
        assertThatThrownBy(() -> protection.decrypt(new FieldRef(staff.org(), new CaseId(UUID.fromString(id)), "case_file", "details"), stored))
                .isInstanceOf(KeyNotOpenException.class);
    }

    @Test
    void aTokenWhoseRoleReadsCasesButHoldsNoGrantGetsA403ThatNamesNothingOfTheCase() throws Exception {
        StaffFixture staff = StaffFixture.create(identity, "token-no-grant");
        String id = open(staff);
        // A token the way `./haven tokens create` will make it once grants need a key holder: no grant yet.
        String token = identity.createApiToken(staff.emails().get(Role.COORDINATOR), 1);
        jdbc.sql("delete from org_grant where principal_id = (select p.id from principal p join api_token t on t.id = p.owner_id where t.token_hash = ?)")
                .param(IdentityManagement.sha256(token)).update();

        String answer = mvc.perform(get("/api/v1/cases/" + id).header("Authorization", "Bearer " + token).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isForbidden()).andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(answer).contains("/problems/forbidden").doesNotContain(NAME).doesNotContain(id);
    }
}
