package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.internal.LogInFixture.Event;
import nl.haven.identity.internal.LogInFixture.Staff;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** A staff user's own API tokens: created after a full log-in, shown once, usable as Bearer, revocable, nobody else's. */
@SpringBootTest
@AutoConfigureMockMvc
class AccountTokensIT {
    static final Pattern TOKEN = Pattern.compile("id=\"api-token\"[^>]*>(hvn_[A-Za-z0-9_-]{43})<");

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;

    LogInFixture fixture;
    Staff lawyer;

    @BeforeEach
    void aLawyer() throws Exception {
        fixture = new LogInFixture(identity, mvc, jdbc);
        lawyer = fixture.staff(fixture.newOrg(), "LAWYER");
    }

    String created(Cookie session, String name, String days) throws Exception {
        String page = mvc.perform(post("/account/tokens").cookie(session).with(csrf()).param("name", name).param("expiresDays", days))
                .andExpect(status().isOk()).andExpect(header().string("Cache-Control", "no-store")).andReturn().getResponse()
                .getContentAsString();
        Matcher token = TOKEN.matcher(page);
        assertThat(token.find()).as("the token on the page").isTrue();
        return token.group(1);
    }

    UUID tokenId(Staff owner) {
        return jdbc.sql("select id from api_token where user_id = ? order by created_at desc limit 1").param(owner.uuid()).query(UUID.class).single();
    }

    @Test
    void aLoggedInUserCreatesATokenThatIsShownOnceAndWorksOnTheApi() throws Exception {
        Cookie session = fixture.logIn(lawyer);
        long before = fixture.lastEvent();
        String token = created(session, "laptop script", "30");
        UUID id = tokenId(lawyer);
        assertThat(fixture.eventsSince(before)).containsExactly(new Event("token.created", lawyer.uuid().toString(), id.toString()));
        assertThat(fixture.count("select count(*) from api_token where token_hash = ?", token)).as("stored only as a hash").isZero();
        assertThat(fixture.count("select count(*) from api_token where token_hash = ? and name = 'laptop script'", IdentityManagement.sha256(token)))
                .isEqualTo(1);

        mvc.perform(get("/api/v1/account").header("Authorization", "Bearer " + token)).andExpect(status().isOk())
                .andExpect(jsonPath("$.user").value(lawyer.uuid().toString()))
                .andExpect(jsonPath("$.organisation").value(lawyer.org().toString()))
                .andExpect(jsonPath("$.role").value("LAWYER"));
        String list = mvc.perform(get("/account/tokens").cookie(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("laptop script", "token-" + id, "active").doesNotContain(token);
    }

    @Test
    void aRevokedTokenGets401AndRevokingTwiceChangesNothing() throws Exception {
        Cookie session = fixture.logIn(lawyer);
        String token = created(session, "", "1");
        UUID id = tokenId(lawyer);
        mvc.perform(get("/api/v1/account").header("Authorization", "Bearer " + token)).andExpect(status().isOk());

        long before = fixture.lastEvent();
        mvc.perform(post("/account/tokens/" + id + "/revoke").cookie(session).with(csrf())).andExpect(redirectedUrl("/account/tokens?lang=en"));
        assertThat(fixture.eventsSince(before)).containsExactly(new Event("token.revoked", lawyer.uuid().toString(), id.toString()));
        mvc.perform(get("/api/v1/account").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
        mvc.perform(get("/account/tokens").cookie(session)).andExpect(content().string(containsString("revoked")))
                .andExpect(content().string(containsString("(no name)")));

        before = fixture.lastEvent();
        mvc.perform(post("/account/tokens/" + id + "/revoke").cookie(session).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(fixture.eventsSince(before)).isEmpty();
    }

    @Test
    void anotherUsersTokenIsUnknownHere() throws Exception {
        Staff colleague = fixture.staff(lawyer.slug(), "CASEWORKER");
        String theirToken = identity.createApiToken(colleague.id(), "theirs", 30).token();
        UUID theirId = tokenId(colleague);
        Cookie session = fixture.logIn(lawyer);
        long before = fixture.lastEvent();

        for (String id : List.of(theirId.toString(), UUID.randomUUID().toString(), "not-a-uuid")) {
            mvc.perform(post("/account/tokens/" + id + "/revoke").cookie(session).with(csrf())).andExpect(status().isNotFound());
        }
        assertThat(fixture.eventsSince(before)).isEmpty();
        mvc.perform(get("/api/v1/account").header("Authorization", "Bearer " + theirToken)).andExpect(status().isOk());
        mvc.perform(get("/account/tokens").cookie(session)).andExpect(content().string(containsString("You have no API tokens.")))
                .andExpect(content().string(Matchers.not(containsString(theirId.toString()))));
    }

    @Test
    void badLifetimesAndNamesAreNamedAndCreateNothing() throws Exception {
        Cookie session = fixture.logIn(lawyer);
        long before = fixture.lastEvent();
        for (String days : List.of("0", "366", "abc", "", "-5", "1000")) {
            mvc.perform(post("/account/tokens").cookie(session).with(csrf()).param("name", "x").param("expiresDays", days))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("&quot;" + days + "&quot; is not a valid lifetime. Enter a whole number of days from 1 to 365.")))
                    .andExpect(content().string(containsString("aria-describedby=\"expiresDays-hint expiresDays-error\"")));
        }
        mvc.perform(post("/account/tokens").cookie(session).with(csrf()).param("name", "n".repeat(101)).param("expiresDays", "30"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The name has 101 characters. Use at most 100.")));
        mvc.perform(post("/account/tokens").cookie(session).with(csrf()).param("lang", "ru").param("expiresDays", "400"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("«400» — недопустимый срок")));
        assertThat(fixture.count("select count(*) from api_token where user_id = ?", lawyer.uuid())).isZero();
        assertThat(fixture.eventsSince(before)).isEmpty();
        // 365 days is the longest lifetime allowed.
        created(session, "long", "365");
    }

    @Test
    void theTokenPagesNeedAFullLogInAndNeverATokenOrACsrfLessForm() throws Exception {
        mvc.perform(get("/account/tokens").accept(MediaType.TEXT_HTML)).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/account/tokens").cookie(fixture.passwordOnly(lawyer))).andExpect(redirectedUrl("/mfa"));
        String token = identity.createApiToken(lawyer.id(), null, 1).token();
        mvc.perform(post("/account/tokens").header("Authorization", "Bearer " + token).param("expiresDays", "30").accept(MediaType.TEXT_HTML))
                .andExpect(status().isForbidden());
        mvc.perform(get("/account/tokens").header("Authorization", "Bearer " + token).accept(MediaType.TEXT_HTML))
                .andExpect(redirectedUrl("/login"));
        mvc.perform(post("/account/tokens").cookie(fixture.logIn(lawyer)).param("expiresDays", "30")).andExpect(status().isForbidden());
        assertThat(fixture.count("select count(*) from api_token where user_id = ?", lawyer.uuid())).isEqualTo(1);
    }
}
