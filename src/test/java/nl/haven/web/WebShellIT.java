package nl.haven.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The shared web frame: languages, headers, error pages, problem+json, the actuator allow-list. */
@SpringBootTest
@AutoConfigureMockMvc
class WebShellIT {

    @Autowired
    MockMvc mvc;

    @Test
    void homePageSpeaksEnglishDutchAndRussian() throws Exception {
        mvc.perform(get("/")).andExpect(status().isOk())
                .andExpect(content().string(containsString("<html lang=\"en\"")))
                .andExpect(content().string(containsString("Safety, with sources")));
        mvc.perform(get("/").param("lang", "nl")).andExpect(status().isOk())
                .andExpect(content().string(containsString("<html lang=\"nl\"")))
                .andExpect(content().string(containsString("Veiligheid, met bronnen")));
        mvc.perform(get("/").header("Accept-Language", "ru-RU,ru;q=0.9")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Безопасность, с источниками")));
    }

    @Test
    void languageLinksKeepTheAddressAndChangeOnlyTheLanguage() throws Exception {
        mvc.perform(get("/").param("lang", "nl"))
                .andExpect(content().string(containsString("href=\"/?lang=ru\"")))
                .andExpect(content().string(containsString("href=\"/?lang=en\"")));
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (String path : new String[] { "/", "/no-such-page", "/api/v1/policy/nothing", "/css/haven.css" }) {
            mvc.perform(get(path))
                    .andExpect(header().string("Content-Security-Policy", containsString("default-src 'self'")))
                    .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
                    .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                    .andExpect(header().string("Referrer-Policy", "no-referrer"))
                    .andExpect(header().string("Permissions-Policy", containsString("geolocation=()")));
        }
        mvc.perform(get("/")).andExpect(header().string("Cache-Control", "no-store"));
    }

    @Test
    void anonymousPagesCreateNoSessionAndSetNoCookie() throws Exception {
        mvc.perform(get("/"))
                .andExpect(header().doesNotExist("Set-Cookie"))
                .andExpect(result -> org.assertj.core.api.Assertions.assertThat(result.getRequest().getSession(false)).isNull());
    }

    @Test
    void unknownPageIsALocalizedErrorPageWithoutStackTrace() throws Exception {
        mvc.perform(get("/no-such-page").param("lang", "nl").accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Op dit adres staat niets.")))
                .andExpect(content().string(not(containsString("Exception"))))
                .andExpect(content().string(not(containsString("at org."))));
    }

    @Test
    void unknownApiPathIsProblemJson() throws Exception {
        mvc.perform(get("/api/v1/policy/nothing").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").value("Not Found"))
                .andExpect(jsonPath("$.type").exists())
                .andExpect(jsonPath("$.detail").exists())
                .andExpect(jsonPath("$.trace").doesNotExist());
    }

    @Test
    void staffApiWithoutCredentialsIs401() throws Exception {
        mvc.perform(get("/api/v1/cases")).andExpect(status().isUnauthorized());
    }

    @Test
    void actuatorExposesOnlyHealthInfoAndPrometheus() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/info")).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk());
        for (String hidden : new String[] { "/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/configprops" }) {
            // Even a logged-in administrator: the endpoint does not exist.
            mvc.perform(get(hidden).with(user("admin@example.org").roles("ADMIN")).accept(MediaType.APPLICATION_JSON))
                    .andExpect(status().isNotFound());
        }
    }

    @Test
    void openApiDocumentAndItsUiAreServedFromTheJar() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andExpect(jsonPath("$.openapi").exists());
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("https://"))));
    }
}
