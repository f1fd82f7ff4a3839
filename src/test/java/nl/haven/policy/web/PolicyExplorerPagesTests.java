package nl.haven.policy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The public policy explorer pages as a web slice: {@link PolicyExplorerPages}, Spring MVC and Thymeleaf over the
 * real engine of the shipped data set, with a clock far in the future (2040), so that every country's review is older
 * than its maximum age whatever the data's review dates are. No database, no server; anonymous requests.
 */
@WebMvcTest(PolicyExplorerPages.class)
@Import({ WebSlice.class, ShippedPolicy.class, PolicyExplorerPagesTests.PublicAsInTheApplication.class })
class PolicyExplorerPagesTests {
    static final String TODAY = "2040-01-02";

    @Autowired
    MockMvc mvc;

    @TestBean
    Clock clock;

    static Clock clock() {
        return Clock.fixed(Instant.parse(TODAY + "T10:00:00Z"), ZoneOffset.UTC);
    }


    /**
     * The application's rule for {@code /policy/**}, on purpose: identity's {@code SecurityConfig} lets anyone read it.
     * The real chain needs the identity module's beans, so it is not imported here; {@code AccessMatrixIT} checks it over
     * the whole application. Everything else is refused.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class PublicAsInTheApplication {
        @Bean
        SecurityFilterChain publicPolicyPages(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(auth -> auth.requestMatchers("/policy", "/policy/**").permitAll().anyRequest().denyAll()).build();
        }
    }

    @Test
    void theFormAsksForTheQuestionWithTodayAsItsDateAndNoScript() throws Exception {
        mvc.perform(get("/policy"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(containsString("name=\"nationality\"")))
                .andExpect(content().string(containsString("value=\"" + TODAY + "\"")))
                .andExpect(content().string(not(containsString("<script"))));
    }

    @Test
    void anAssessmentIsShownWithNumberedSourcesInTheLanguageAskedFor() throws Exception {
        mvc.perform(get("/policy/assessment").param("nationality", "RU").param("region", "RU-CE").param("group", "gay")
                .param("date", "2017-09-01").param("lang", "nl"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Groepsvervolging")))
                .andExpect(content().string(containsString("id=\"source-1\"")));
    }

    @Test
    void aBadQuestionIs400WithTheFormSayingWhatToCheck() throws Exception {
        mvc.perform(get("/policy/assessment").param("nationality", "XX").param("group", "gay").param("date", "2017-09-01"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Please check your question:")))
                .andExpect(content().string(containsString("Nationality: please choose a country from the list.")))
                .andExpect(content().string(not(containsString("ISO 3166"))))
                // The form keeps what was asked.
                .andExpect(content().string(containsString("value=\"2017-09-01\"")));
    }

    /** Issue #20 point 6: every problem at once, each naming its field, in the reader's language, tied to its field. */
    @Test
    void everyProblemOfAQuestionIsNamedAtOnceInTheReadersLanguage() throws Exception {
        mvc.perform(get("/policy/assessment").param("nationality", "").param("fact", "no-such-fact").param("date", "31-02-2017")
                .param("knownAt", "soon").param("lang", "ru"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Гражданство: выберите страну.")))
                .andExpect(content().string(containsString("Группы: выберите хотя бы одну группу.")))
                .andExpect(content().string(containsString("Обстоятельства дела: выбирайте только из списка.")))
                .andExpect(content().string(containsString("Дата: укажите существующую дату")))
                .andExpect(content().string(containsString("По состоянию знаний на: укажите существующую дату")))
                .andExpect(content().string(containsString("id=\"date-error\"")))
                .andExpect(content().string(containsString("aria-describedby=\"date-error date-hint\"")))
                .andExpect(content().string(not(containsString("is required"))));
    }

    @Test
    void aDateTypedDayFirstIsTakenAndTheAnswerShowsLabelsWithIdsOnlyInTheTechnicalDetails() throws Exception {
        String page = mvc.perform(get("/policy/assessment").param("nationality", "RU").param("region", "RU-CE").param("group", "gay")
                .param("date", "01-09-2017").param("lang", "ru"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"2017-09-01\"")))
                .andReturn().getResponse().getContentAsString();
        String beforeDetails = page.substring(0, page.indexOf("<details class=\"technical\">"));
        assertThat(beforeDetails).doesNotContain("ru-chechnya-group-persecution", "GROUP_PERSECUTION", "sha256:");
        assertThat(page.substring(page.indexOf("<details class=\"technical\">")))
                .contains("ru-chechnya-group-persecution", "sha256:");
    }

    @Test
    void aCountryPageDrawsItsTimelineAndSaysItsReviewIsOld() throws Exception {
        mvc.perform(get("/policy/countries/ru").param("lang", "ru"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Политика: Россия")))
                .andExpect(content().string(not(containsString("Политика для"))))
                .andExpect(content().string(not(containsString(">lgbti"))))
                .andExpect(content().string(containsString("<svg")))
                .andExpect(content().string(containsString("<table")))
                .andExpect(content().string(containsString("более 180 дней назад")))
                .andExpect(content().string(not(containsString("style="))));
        mvc.perform(get("/policy/countries")).andExpect(status().isOk()).andExpect(content().string(containsString("/policy/countries/RU")));
    }

    @Test
    void anUnknownCountryIsNotFound() throws Exception {
        mvc.perform(get("/policy/countries/QQ").accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("There is nothing at this address.")));
    }
}
