package nl.haven.policy.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import nl.haven.web.WebSlice;
import nl.haven.testing.ShippedPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import nl.haven.shared.Languages;

/**
 * The public policy API (INTERFACES.md §3) as a web slice: only {@link PolicyApi} and Spring MVC, over the
 * real engine of the shipped data set (a plain object), no database, no server. Anonymous requests, as the public
 * calls them. {@code /changes} reads the recorded versions from the database: {@code PolicyChangesIT} covers it.
 */
@WebMvcTest(PolicyApi.class)
@Import({ WebSlice.class, ShippedPolicy.class, PolicyApiTests.PublicAsInTheApplication.class })
class PolicyApiTests {

    @Autowired
    MockMvc mvc;

    /** Needed to construct the controller; only {@code /changes} uses it. */
    @MockitoBean
    PolicyChangeLog changeLog;


    /**
     * The application's rule for this path, on purpose: identity's {@code SecurityConfig} lets anyone call
     * {@code /api/v1/policy/**} and asks no CSRF token of an API client without a session cookie. The real chain needs
     * the identity module's beans (accounts, tokens, audit), so it is not imported here; {@code AccessMatrixIT} checks it
     * over the whole application. Everything else is refused, so the slice answers nothing the application would not.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class PublicAsInTheApplication {
        @Bean
        SecurityFilterChain publicPolicyApi(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(auth -> auth.requestMatchers("/api/v1/policy/**").permitAll().anyRequest().denyAll())
                    .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
                    .build();
        }
    }

    @Test
    void anAssessmentIsTheContractsDocument() throws Exception {
        mvc.perform(get("/api/v1/policy/assessment").param("nationality", "ru").param("region", "RU-CE").param("group", "gay")
                .param("date", "2017-09-01"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.nationality").value("RU"))
                .andExpect(jsonPath("$.region").value("RU-CE"))
                .andExpect(jsonPath("$.groups[0]").value("gay"))
                .andExpect(jsonPath("$.date").value("2017-09-01"))
                .andExpect(jsonPath("$.evidentiaryStandard").value("GROUP_PERSECUTION"))
                .andExpect(jsonPath("$.dataset.version").value(startsWith("sha256:")))
                .andExpect(jsonPath("$.provisions[0].sources").isArray());
    }

    @Test
    void badAssessmentInputIsAProblemNamingTheFieldAndTheValue() throws Exception {
        mvc.perform(get("/api/v1/policy/assessment").param("nationality", "XX").param("group", "gay").param("date", "2017-09-01"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.title").value("Bad input"))
                .andExpect(jsonPath("$.type").value("/problems/bad-input"))
                .andExpect(jsonPath("$.field").value("nationality"))
                .andExpect(jsonPath("$.detail").value(containsString("'XX'")));
        mvc.perform(get("/api/v1/policy/assessment").param("nationality", "RU").param("group", "elf").param("date", "2017-09-01"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("group"))
                .andExpect(jsonPath("$.detail").value(containsString("'elf'")))
                .andExpect(jsonPath("$.detail").value(containsString("lesbian, gay")));
        mvc.perform(get("/api/v1/policy/assessment").param("nationality", "RU").param("group", "gay").param("fact", "unknown-fact"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("fact"))
                .andExpect(jsonPath("$.detail").value(containsString("'unknown-fact'")));
        mvc.perform(get("/api/v1/policy/assessment").param("nationality", "RU").param("group", "gay").param("date", "2017-13-01"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("date"))
                .andExpect(jsonPath("$.detail").value(containsString("2017-13-01")));
    }

    /** Issue #20 point 6: the English detail stays; every problem of the question also comes in the question's language. */
    @Test
    void badAssessmentInputAlsoListsEveryProblemInTheQuestionsLanguage() throws Exception {
        mvc.perform(get("/api/v1/policy/assessment").param("nationality", "XX").param("date", "2017-13-01").param("lang", "uk"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("'XX'")))
                .andExpect(jsonPath("$.problems.length()").value(3))
                .andExpect(jsonPath("$.problems[0].field").value("nationality"))
                .andExpect(jsonPath("$.problems[0].detail").value("Громадянство: будь ласка, оберіть країну зі списку."))
                .andExpect(jsonPath("$.problems[1].field").value("group"))
                .andExpect(jsonPath("$.problems[2].field").value("date"))
                .andExpect(jsonPath("$.problems[2].detail").value(containsString("Дата:")));
    }

    @Test
    void anUnknownLanguageIsAProblemOnEveryEndpoint() throws Exception {
        for (String path : new String[] { "/api/v1/policy/countries", "/api/v1/policy/countries/RU/timeline" }) {
            mvc.perform(get(path).param("lang", "xx"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.field").value("lang"))
                    .andExpect(jsonPath("$.detail").value("unknown language 'xx': expected " + Languages.expected()));
        }
        // the API takes the registry's codes exactly, as the document's enum says (issue #21); pages take any case
        mvc.perform(get("/api/v1/policy/countries").param("lang", " NL ")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/policy/countries").param("lang", "nl")).andExpect(status().isOk());
    }

    @Test
    void countriesListTheDataSetsCountriesAndATimelineIsOneCountrys() throws Exception {
        mvc.perform(get("/api/v1/policy/countries"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dataset.version").value(startsWith("sha256:")))
                .andExpect(jsonPath("$.countries[*].code", hasItem("RU")))
                .andExpect(jsonPath("$.countries[?(@.code == 'US')].everSafeCountry", hasItem(true)));
        mvc.perform(get("/api/v1/policy/countries/ir/timeline"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.country").value("IR"))
                .andExpect(jsonPath("$.provisions[0].validFrom").value("2006-10-18"));
        mvc.perform(get("/api/v1/policy/countries/QQ/timeline"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("QQ")));
    }

    @Test
    void aDeadlineIsTheLastDayWithTheRulesThatMovedIt() throws Exception {
        // A decision in the general procedure sent on Thursday 2025-12-18: one week ends on Christmas Day; Boxing Day,
        // Saturday and Sunday follow, so the last day is Monday 2025-12-29 (art. 1(1) Atw).
        mvc.perform(get("/api/v1/policy/deadline").param("term", "appeal-term").param("eventDate", "2025-12-18")
                .param("track", "general-procedure"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.plainEnd").value("2025-12-25"))
                .andExpect(jsonPath("$.end").value("2025-12-29"))
                .andExpect(jsonPath("$.rules[*].rule", hasItem("atw-christmas-day")));
    }

    @Test
    void badDeadlineInputIsAProblemNamingTheValue() throws Exception {
        mvc.perform(get("/api/v1/policy/deadline").param("term", "no-such-term").param("eventDate", "2025-12-18"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("term"))
                .andExpect(jsonPath("$.detail").value(containsString("no-such-term")));
        mvc.perform(get("/api/v1/policy/deadline").param("term", "appeal-term").param("eventDate", "2025-12-18").param("track", "fast-lane"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("track"))
                .andExpect(jsonPath("$.detail").value(containsString("'fast-lane'")));
    }
}
