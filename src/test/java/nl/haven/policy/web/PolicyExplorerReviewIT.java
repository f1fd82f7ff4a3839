package nl.haven.policy.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import nl.haven.policy.PolicyEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The currency warning where people see it (issue 16, point 5), with today fixed at 2030-01-01: more than 180 days after
 * any review of the shipped data, whichever day in 2026 it was. The country page flags its "last reviewed" date, the
 * explorer's answer and the API's assessment carry the warning.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(PolicyExplorerReviewIT.FixedToday.class)
class PolicyExplorerReviewIT {

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedToday {
        @Bean
        @Primary
        Clock fixedToday() {
            return Clock.fixed(Instant.parse("2030-01-01T12:00:00Z"), ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    PolicyEngine engine;

    @Test
    void theCountryPageFlagsAReviewMoreThan180DaysAgo() throws Exception {
        String reviewed = String.valueOf(engine.dataSet().countries().get("RU").reviewedOn());
        mvc.perform(get("/policy/countries/RU")).andExpect(status().isOk())
                .andExpect(content().string(containsString("class=\"reviewed warning\"")))
                .andExpect(content().string(containsString("Last reviewed against its sources: " + reviewed + ", more than 180 days ago.")));
        mvc.perform(get("/policy/countries/RU").param("lang", "nl")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Voor het laatst aan de bronnen getoetst: " + reviewed + ", meer dan 180 dagen geleden.")));
    }

    @Test
    void theExplorerAndTheApiWarnOnAnAssessmentForADateMoreThan180DaysAfterTheReview() throws Exception {
        String reviewed = String.valueOf(engine.dataSet().countries().get("RU").reviewedOn());
        mvc.perform(get("/policy/assessment").param("nationality", "RU").param("group", "gay").param("date", "2030-01-01").param("lang", "nl"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("countries/RU.yaml is op " + reviewed + " voor het laatst aan de bronnen getoetst")));
        mvc.perform(get("/api/v1/policy/assessment").param("nationality", "RU").param("group", "gay").param("date", "2030-01-01"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.review.reviewedOn").value(reviewed))
                .andExpect(jsonPath("$.review.stale").value(true))
                .andExpect(jsonPath("$.warnings", hasItem(containsString("countries/RU.yaml was last checked against its sources on " + reviewed))));
        mvc.perform(get("/api/v1/policy/assessment").param("nationality", "RU").param("group", "gay").param("date", reviewed))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.review.stale").value(false));
    }
}
