package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import java.util.regex.Matcher;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The one-time set-up link: creates the first organisation and administrator once, and only once. */
@SpringBootTest
@AutoConfigureMockMvc
@DirtiesContext
class FirstStartSetupIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    SetupTokenStore tokens;
    @Autowired
    JdbcClient jdbc;

    long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    static MockHttpServletRequestBuilder setup(String token, String slug, String email, String password) {
        return post("/setup/" + token).with(csrf())
                .param("orgName", "Test Organisation").param("orgSlug", slug)
                .param("adminName", "Test Admin").param("email", email).param("password", password);
    }

    @Test
    void linkCreatesOrganisationAndAdministratorOnceThenStopsWorking() throws Exception {
        String token = tokens.issue(Instant.now(), Duration.ofHours(1));
        long orgsBefore = count("organisation");
        mvc.perform(get("/setup/" + token)).andExpect(status().isOk()).andExpect(content().string(containsString("name=\"orgSlug\"")));
        // The answer shows the organisation's recovery key once (issue #23): in the page, never in an address or a header.
        var done = mvc.perform(setup(token, "first-org", "admin@first-org.example", "a long enough passphrase"))
                .andExpect(status().isOk()).andExpect(header().string("Cache-Control", containsString("no-store"))).andReturn().getResponse();
        Matcher recoveryKey = Pattern.compile("id=\"recovery-key\"[^>]*>(([A-Z2-7]{4}-){12}[A-Z2-7]{4})<").matcher(done.getContentAsString());
        assertThat(recoveryKey.find()).as("the recovery key on the page").isTrue();
        assertThat(done.getHeaderNames()).allSatisfy(name -> assertThat(done.getHeader(name)).doesNotContain(recoveryKey.group(1)));
        assertThat(done.getContentAsString()).contains("/login?setup");
        assertThat(count("organisation")).isEqualTo(orgsBefore + 1);
        String role = jdbc.sql("select role from app_user where email = ?").param("admin@first-org.example").query(String.class).single();
        assertThat(role).isEqualTo("ADMIN");
        String hash = jdbc.sql("select password_hash from app_user where email = ?").param("admin@first-org.example").query(String.class).single();
        assertThat(hash).startsWith("$argon2id$").doesNotContain("a long enough passphrase");
        // The organisation has a recovery key (its own principal, ADR 0006 C.7), and the administrator a key pair under
        // that password from the start (step 5).
        assertThat(jdbc.sql("select count(*) from principal p join organisation o on o.id = p.owner_id where o.slug = 'first-org' and p.kind = 'RECOVERY'")
                .query(Long.class).single()).isOne();
        assertThat(jdbc.sql("select count(*) from principal p join app_user u on u.id = p.owner_id join principal_wrap w on w.principal_id = p.id "
                + "where u.email = ? and w.kind = 'PASSWORD'").param("admin@first-org.example").query(Long.class).single()).isOne();

        mvc.perform(formLogin("/login").user("admin@first-org.example").password("a long enough passphrase"))
                .andExpect(authenticated().withAuthentication(a -> Assertions.assertThat(a.getAuthorities())
                        .extracting(GrantedAuthority::getAuthority)
                        .contains(StaffUserDetails.PASSWORD_FACTOR).noneMatch(x -> x.startsWith("ROLE_")))); // the role comes with the second factor

        // Single use: the same link now answers 404 and creates nothing.
        mvc.perform(get("/setup/" + token)).andExpect(status().isNotFound());
        mvc.perform(setup(token, "second-org", "admin@second-org.example", "a long enough passphrase"))
                .andExpect(status().isNotFound());
        assertThat(count("organisation")).isEqualTo(orgsBefore + 1);
    }

    @Test
    void expiredLinkIsRefused() throws Exception {
        String token = tokens.issue(Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
        mvc.perform(get("/setup/" + token)).andExpect(status().isNotFound())
                .andExpect(content().string(containsString("does not work")));
    }

    @Test
    void unknownLinkIsRefused() throws Exception {
        mvc.perform(get("/setup/not-a-token")).andExpect(status().isNotFound());
    }

    @Test
    void invalidInputCreatesNothingAndKeepsTheLinkUsable() throws Exception {
        String token = tokens.issue(Instant.now(), Duration.ofHours(1));
        long orgs = count("organisation");
        long users = count("app_user");
        mvc.perform(setup(token, "Bad Slug!", "not-an-email", "short"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Use lower-case letters, digits and hyphens only.")))
                .andExpect(content().string(containsString("Use at least 12 characters.")));
        assertThat(count("organisation")).isEqualTo(orgs);
        assertThat(count("app_user")).isEqualTo(users);
        assertThat(tokens.isValid(token, Instant.now())).isTrue();
    }

    @Test
    void duplicateSlugIsRefusedWithoutConsumingTheLink() throws Exception {
        String first = tokens.issue(Instant.now(), Duration.ofHours(1));
        mvc.perform(setup(first, "taken-org", "one@taken-org.example", "a long enough passphrase")).andExpect(status().isOk());
        String second = tokens.issue(Instant.now(), Duration.ofHours(1));
        mvc.perform(setup(second, "taken-org", "two@taken-org.example", "a long enough passphrase"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("This short name is taken.")));
        assertThat(tokens.isValid(second, Instant.now())).isTrue();
    }

    @Test
    void setupWithoutCsrfTokenIsRejected() throws Exception {
        String token = tokens.issue(Instant.now(), Duration.ofHours(1));
        mvc.perform(post("/setup/" + token).param("orgName", "x")).andExpect(status().isForbidden());
        assertThat(tokens.isValid(token, Instant.now())).isTrue();
    }
}
