package nl.haven.protection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.google.crypto.tink.KeysetHandle;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.protection.KeyNotOpenException;
import nl.haven.protection.Protection;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ADR 0006 step 9: the blind-index keys are in the organisation's bundle. With the legacy opener off — as from the
 * cut-over — and the master key's copies deleted, a token records identifiers and finds cases by them with the keys its
 * own grant opened, and a blind value stored before this version (under an index key of its own) is still found.
 */
@SpringBootTest(properties = "haven.protection.legacy-opener=false")
@AutoConfigureMockMvc
class BlindIndexKeysIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CASE = """
            {"nationality": "ru", "countryOfResidence": "RU", "details": {"nameUsed": "Blind", "groups": ["gay"], "facts": [],
             "request": "I need advice about asylum.", "language": "en"}}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    Protection protection;
    @Autowired
    KeyManagement keys;
    @Autowired
    KeyStore store;
    @Autowired
    KeyRing ring;
    @Autowired
    JdbcClient jdbc;

    private String open(String bearer) throws Exception {
        String created = mvc.perform(post("/api/v1/cases").header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .content(CASE).accept(MediaType.APPLICATION_JSON)).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return JSON.readTree(created).get("id").stringValue();
    }

    private String found(String bearer, String q) throws Exception {
        String page = mvc.perform(get("/api/v1/cases").param("q", q).header("Authorization", bearer).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        StringBuilder ids = new StringBuilder();
        for (JsonNode item : JSON.readTree(page).get("items")) {
            ids.append(item.get("id").stringValue()).append(' ');
        }
        return ids.toString().strip();
    }

    @Test
    void identifiersAreRecordedAndFoundWithTheGrantsKeysAloneAndAValueStoredBeforeIsStillFound() throws Exception {
        StaffFixture staff = StaffFixture.create(identity, "blind-keys");
        UUID org = staff.org().value();
        String bearer = staff.bearer(Role.COORDINATOR);
        // An installation from before this version: its V-number index has a key of its own, under the master key only,
        KeysetHandle before = Tink.newHmacKeyset();
        jdbc.sql("insert into blind_index_key (org_id, index_name, keyset) values (?, ?, ?)")
                .params(org, "case.v-number", Tink.wrap(before, ring.master(), KeyManagement.ad("blind:" + org + "|case.v-number"))).update();
        // and the grants sealed again from what the master key opens, as the cut-over does first.
        keys.resealAllFromServer(org);
        String older = open(bearer);
        String newer = open(bearer);
        // A V-number recorded before this version: its blind value under that index's own key.
        jdbc.sql("insert into case_identifier (case_id, org_id, kind, blind) values (?, ?, ?, ?)").params(UUID.fromString(older), org, "v-number",
                Tink.mac(before).computeMac("v123456789".getBytes(StandardCharsets.UTF_8))).update();

        // From here on the master key's copies are gone: only the grant has the keys.
        jdbc.sql("delete from blind_index_key where org_id = ?").param(org).update();
        mvc.perform(post("/api/v1/cases/" + newer + "/identifiers").header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\": \"email\", \"value\": \"Someone@Example.org\"}")).andExpect(status().isNoContent());
        mvc.perform(post("/api/v1/cases/" + newer + "/identifiers").header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\": \"phone\", \"value\": \"+31 6 1234 5678\"}")).andExpect(status().isNoContent());

        assertThat(found(bearer, "V 123 456 789")).isEqualTo(older);
        assertThat(found(bearer, "someone@example.org")).isEqualTo(newer);
        assertThat(found(bearer, "+31612345678")).isEqualTo(newer);
        assertThat(found(bearer, "+31612345679")).isEmpty();
        assertThat(jdbc.sql("select count(*) from blind_index_key where org_id = ?").param(org).query(Long.class).single())
                .as("no master-wrapped key was made again").isZero();

        // This thread ran the requests (MockMvc) and holds no keys now: no blind value without them.
        assertThatThrownBy(() -> protection.blindIndex(staff.org(), "case.email", "someone@example.org")).isInstanceOf(KeyNotOpenException.class);
    }
}
