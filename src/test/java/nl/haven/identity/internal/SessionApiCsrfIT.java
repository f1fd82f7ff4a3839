package nl.haven.identity.internal;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import nl.haven.identity.IdentityManagement;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * INTERFACES.md §6: the staff API takes a Bearer token or a browser session with CSRF. A logged-in browser's session
 * cookie alone must not be enough to change anything through the API (a cross-site form could send it); an API token
 * needs no CSRF token (no cookie authenticates it), nor does an anonymous client of the public API.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SessionApiCsrfIT {
    static final String OPEN = "{\"nationality\": \"US\", \"details\": {\"groups\": [\"trans\"]}}";

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aSessionNeedsTheCsrfTokenOnTheApiAndATokenDoesNot() throws Exception {
        LogInFixture fixture = new LogInFixture(identity, mvc, jdbc);
        LogInFixture.Staff coordinator = fixture.staff(fixture.newOrg(), "COORDINATOR");
        Cookie session = fixture.logIn(coordinator);
        long cases = jdbc.sql("select count(*) from case_file").query(Long.class).single();

        mvc.perform(post("/api/v1/cases").cookie(session).contentType(MediaType.APPLICATION_JSON).content(OPEN)).andExpect(status().isForbidden());
        Assertions.assertThat(jdbc.sql("select count(*) from case_file").query(Long.class).single()).isEqualTo(cases);
        mvc.perform(post("/api/v1/cases").cookie(session).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(OPEN))
                .andExpect(status().isCreated());

        String token = identity.createApiToken(coordinator.email(), 1);
        mvc.perform(post("/api/v1/cases").header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON).content(OPEN))
                .andExpect(status().isCreated());
        // The public API, anonymous and without cookies, is not a CSRF target.
        mvc.perform(post("/api/v1/routes/advice").contentType(MediaType.APPLICATION_JSON).content("{\"nationality\": \"US\"}"))
                .andExpect(status().isOk());
    }
}
