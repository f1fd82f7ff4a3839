package nl.haven.routes.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import nl.haven.web.WebSlice;
import nl.haven.testing.ShippedPolicy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import nl.haven.web.RawCodes;
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
import nl.haven.shared.Languages;

/**
 * The route advice API (INTERFACES.md §4) and the questionnaire pages as a web slice: the two controllers, Spring MVC
 * and Thymeleaf, with the real advisor and parser ({@link RoutesConfig}) over the shipped data set and a fixed clock;
 * no database, no server. Anonymous requests, as the public makes them.
 */
@WebMvcTest({ RoutesApi.class, RoutesPages.class })
@Import({ WebSlice.class, RoutesConfig.class, ShippedPolicy.class, RoutesControllersTests.PublicAsInTheApplication.class })
class RoutesControllersTests {
    static final String TODAY = "2026-03-02";

    @Autowired
    MockMvc mvc;

    /** "Today" for the parser's default date and the questionnaire's first answer. */
    @TestBean
    Clock clock;

    static Clock clock() {
        return Clock.fixed(Instant.parse(TODAY + "T10:00:00Z"), ZoneOffset.UTC);
    }


    /**
     * The application's rule for these paths, on purpose: identity's {@code SecurityConfig} lets anyone reach
     * {@code /routes/**} and {@code /api/v1/routes/**}, asks pages for the CSRF token and an API client without a
     * session cookie for none. The real chain needs the identity module's beans, so it is not imported here;
     * {@code AccessMatrixIT} checks it over the whole application. Everything else is refused.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class PublicAsInTheApplication {
        @Bean
        SecurityFilterChain publicRoutes(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(auth -> auth.requestMatchers("/routes", "/routes/**", "/api/v1/routes/**").permitAll()
                    .anyRequest().denyAll())
                    .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
                    .build();
        }
    }

    @Test
    void adviceAnswersEveryRouteAndTakesTodayWhenTheProfileHasNoDate() throws Exception {
        mvc.perform(post("/api/v1/routes/advice").contentType(MediaType.APPLICATION_JSON).content("{\"nationality\": \"us\"}"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.date").value(TODAY))
                .andExpect(jsonPath("$.dataset.version").value(containsString("sha256:")))
                .andExpect(jsonPath("$.routes.length()").value(7))
                .andExpect(jsonPath("$.routes[0].route").value("ASYLUM"))
                .andExpect(jsonPath("$.routes[*].missing").isArray());
    }

    @Test
    void adviceIsGivenInTheLanguageAskedFor() throws Exception {
        String profile = """
                { "nationality": "US", "date": "2025-07-10", "dateOfBirth": "1990-05-01",
                  "jobOffer": { "grossMonthlySalaryEur": 5000, "recognisedSponsor": true, "durationMonths": 12 } }""";
        mvc.perform(post("/api/v1/routes/advice").param("lang", "nl").contentType(MediaType.APPLICATION_JSON).content(profile))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.date").value("2025-07-10"))
                .andExpect(jsonPath("$.routes[2].route").value("HIGHLY_SKILLED_MIGRANT"))
                .andExpect(jsonPath("$.routes[2].outcome").value("NOT_ELIGIBLE"))
                .andExpect(jsonPath("$.routes[2].whatWouldChange.text").value(containsString("€ 5.688")));
    }

    @Test
    void badRequestsAreProblemsNamingTheFieldAndTheValue() throws Exception {
        mvc.perform(post("/api/v1/routes/advice").contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.title").value("Bad input"))
                .andExpect(jsonPath("$.type").value("/problems/bad-input"))
                .andExpect(jsonPath("$.field").value("profile"));
        mvc.perform(post("/api/v1/routes/advice").param("lang", "de").contentType(MediaType.APPLICATION_JSON).content("{\"nationality\": \"US\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("lang"))
                .andExpect(jsonPath("$.detail").value("unknown language 'de': expected " + Languages.expected()));
        mvc.perform(post("/api/v1/routes/advice").contentType(MediaType.APPLICATION_JSON).content("{\"nationality\": \"XX\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("nationality"))
                .andExpect(jsonPath("$.detail").value(containsString("'XX'")));
        mvc.perform(post("/api/v1/routes/advice").contentType(MediaType.APPLICATION_JSON).content("this is not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("profile"))
                .andExpect(jsonPath("$.detail").value(not(containsString("Exception"))));
    }

    @Test
    void theQuestionnaireStartsWithTodayAndWalksItsSteps() throws Exception {
        mvc.perform(get("/routes"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(containsString("Step 1 of 4")))
                .andExpect(content().string(containsString("value=\"" + TODAY + "\"")))
                .andExpect(content().string(containsString("name=\"nationality\"")));
        mvc.perform(get("/routes").param("lang", "nl"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Stap 1 van 4")));
        mvc.perform(post("/routes").with(csrf()).param("step", "1").param("nationality", "IR").param("date", TODAY))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Step 2 of 4")));
        mvc.perform(post("/routes").with(csrf()).param("step", "2").param("action", "back").param("nationality", "IR"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Step 1 of 4")));
    }

    @Test
    void theLastStepShowsTheAdviceOrSendsThePersonBackToTheAnswerToCheck() throws Exception {
        mvc.perform(post("/routes").with(csrf()).param("step", "4").param("nationality", "IR").param("date", "2026-12-06")
                .param("familyMember", "UNMARRIED_PARTNER").param("familyStatus", "REFUGEE").param("familyGrantedOn", "2026-10-01")
                .param("familyAtEntry", "yes"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"route-FAMILY_REUNIFICATION\"")))
                .andExpect(content().string(containsString("an unmarried partner is not covered by family reunification after protection")));
        // Granted after the planned application date: back to step 4, where that answer is asked, with a 400.
        mvc.perform(post("/routes").with(csrf()).param("step", "4").param("nationality", "IR").param("date", "2026-01-01")
                .param("familyGrantedOn", "2026-02-01"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Step 4 of 4")))
                .andExpect(content().string(containsString("This date cannot be after the planned application date.")))
                .andExpect(content().string(containsString("aria-describedby=\"familyGrantedOn-error\"")))
                .andExpect(content().string(containsString("name=\"familyGrantedOn\"")));
    }

    /**
     * Issue #20 point 6: the results say things, not codes. The asylum route's step-by-step reasoning (a Russian and an
     * Iranian profile, whose frameworks cite provisions, statements and the risk group) shows no provision id, enum or
     * other raw code outside the technical details, in English, Arabic and Russian; before the fix it printed the
     * engine's lines ("… set by provision ru-… (RISK_GROUP)").
     */
    @Test
    void theResultsShowNoRawCodeOutsideTheTechnicalDetails() throws Exception {
        Set<String> codes = RawCodes.all();
        for (String lang : List.of("en", "ar", "ru")) {
            for (String nationality : List.of("RU", "IR")) {
                String html = mvc.perform(post("/routes").param("lang", lang).with(csrf()).param("step", "4").param("nationality", nationality)
                        .param("date", TODAY).param("groups", "gay"))
                        .andExpect(status().isOk())
                        .andExpect(content().string(containsString("id=\"route-ASYLUM\"")))
                        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
                String reasoning = html.substring(html.indexOf("id=\"route-ASYLUM\""));
                assertThat(reasoning).as("the asylum reasoning is shown").contains("<ol><li>");
                assertThat(RawCodes.in(RawCodes.visibleText(html), codes)).as("raw codes on the %s results for %s", lang, nationality).isEmpty();
            }
        }
    }

    /** Step 2 in English: "lots" as a salary, a contract in words and an impossible date — all three at once, each at its field. */
    @Test
    void eachStepIsCheckedAsItIsSentWithEveryProblemAtItsField() throws Exception {
        mvc.perform(post("/routes").with(csrf()).param("step", "2").param("nationality", "IR").param("date", TODAY)
                .param("salary", "lots").param("contractMonths", "ten").param("graduatedOn", "31-02-2020"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Step 2 of 4")))
                .andExpect(content().string(containsString("class=\"error-summary\"")))
                .andExpect(content().string(containsString("href=\"#salary\"")))
                .andExpect(content().string(containsString("href=\"#contractMonths\"")))
                .andExpect(content().string(containsString("href=\"#graduatedOn\"")))
                .andExpect(content().string(containsString("Please write the amount in figures, for example 1,934.40.")))
                .andExpect(content().string(containsString("aria-describedby=\"salary-hint salary-error\" aria-invalid=\"true\"")))
                .andExpect(content().string(containsString("id=\"salary-error\"")))
                .andExpect(content().string(containsString("id=\"contractMonths-error\"")))
                .andExpect(content().string(containsString("id=\"graduatedOn-error\"")))
                .andExpect(content().string(not(containsString("lots</"))));
        // A salary of a million a month is not plausible either.
        mvc.perform(post("/routes").with(csrf()).param("step", "2").param("nationality", "IR").param("salary", "1,000,000"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("it must be more than 0 and less than 1,000,000")));
        // Step 1: no nationality and a birth date in the future, together.
        mvc.perform(post("/routes").with(csrf()).param("step", "1").param("date", TODAY).param("dateOfBirth", "01-01-2030"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Step 1 of 4")))
                .andExpect(content().string(containsString("href=\"#nationality\"")))
                .andExpect(content().string(containsString("href=\"#dateOfBirth\"")))
                .andExpect(content().string(containsString("This date cannot be in the future.")));
    }

    /** Dutch amounts and day-first dates pass; the same amount in English form is refused with a Dutch example. */
    @Test
    void dutchNumbersAndDatesAreReadTheDutchWay() throws Exception {
        mvc.perform(post("/routes").param("lang", "nl").with(csrf()).param("step", "2").param("nationality", "IR").param("date", TODAY)
                .param("salary", "5.688,50").param("contractMonths", "12").param("graduatedOn", "30-06-2020"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Stap 3 van 4")))
                .andExpect(content().string(containsString("value=\"2020-06-30\"")));
        mvc.perform(post("/routes").param("lang", "nl").with(csrf()).param("step", "3").param("nationality", "IR")
                .param("capital", "veel").param("ownership", "120"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Stap 3 van 4")))
                .andExpect(content().string(containsString("Schrijf het bedrag in cijfers, bijvoorbeeld 1.934,40.")))
                .andExpect(content().string(containsString("Schrijf een getal van 0 tot en met 100.")));
    }

    /** Arabic-Indic digits are numbers; a word is named in Arabic at its field. */
    @Test
    void arabicDigitsAreReadAndProblemsNamedInArabic() throws Exception {
        mvc.perform(post("/routes").param("lang", "ar").with(csrf()).param("step", "2").param("nationality", "IR").param("date", TODAY)
                .param("salary", "٥٦٨٨٫٥٠").param("contractMonths", "١٢"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"capital\"")));
        mvc.perform(post("/routes").param("lang", "ar").with(csrf()).param("step", "2").param("nationality", "IR").param("salary", "كثير"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("يُرجى كتابة المبلغ بالأرقام")))
                .andExpect(content().string(containsString("aria-invalid=\"true\"")));
        // The whole questionnaire in Arabic digits gives the advice.
        mvc.perform(post("/routes").param("lang", "ar").with(csrf()).param("step", "4").param("nationality", "US").param("date", "٠٦-١٢-٢٠٢٦")
                .param("salary", "٥٦٨٨").param("dateOfBirth", "١٩٩٠-٠٥-٠١"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"route-HIGHLY_SKILLED_MIGRANT\"")));
    }

    @Test
    void aPageFormWithoutItsCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/routes").param("step", "1").param("nationality", "IR")).andExpect(status().isForbidden());
    }
}
