package nl.haven.routes.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** {@code POST /api/v1/routes/advice} as INTERFACES.md §4 describes it. */
@SpringBootTest
@AutoConfigureMockMvc
class RoutesApiIT {

    @Autowired
    MockMvc mvc;

    static final String US_TRANS = """
            { "nationality": "US", "date": "2025-07-10", "dateOfBirth": "1990-05-01",
              "selfEmployed": { "capitalEur": 5000, "businessPlan": true, "kvkRegistration": true, "ownershipPercent": 100 },
              "jobOffer": { "grossMonthlySalaryEur": 5000, "recognisedSponsor": true, "durationMonths": 12 },
              "education": { "level": "MASTER", "graduatedOn": "2015-06-30", "top200University": true, "dutchInstitution": false },
              "partner": { "status": "NONE" },
              "protection": { "groups": ["trans"], "facts": ["military-dismissal"] } }""";

    @Test
    void answersEveryRouteWithOutcomeReasonsSourcesAndCounterfactuals() throws Exception {
        mvc.perform(post("/api/v1/routes/advice").contentType(MediaType.APPLICATION_JSON).content(US_TRANS))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.date").value("2025-07-10"))
                .andExpect(jsonPath("$.dataset.version").value(containsString("sha256:")))
                .andExpect(jsonPath("$.routes.length()").value(7))
                .andExpect(jsonPath("$.routes[0].route").value("ASYLUM"))
                .andExpect(jsonPath("$.routes[0].outcome").value("ELIGIBLE"))
                .andExpect(jsonPath("$.routes[0].assessment.evidentiaryStandard").value("INDIVIDUAL_ASSESSMENT"))
                .andExpect(jsonPath("$.routes[0].assessment.safeCountryOfOrigin.listed").value(true))
                .andExpect(jsonPath("$.routes[1].route").value("DAFT"))
                .andExpect(jsonPath("$.routes[1].outcome").value("ELIGIBLE"))
                .andExpect(jsonPath("$.routes[1].reasons[0].code").exists())
                .andExpect(jsonPath("$.routes[1].reasons[0].sources").isArray())
                .andExpect(jsonPath("$.routes[2].route").value("HIGHLY_SKILLED_MIGRANT"))
                .andExpect(jsonPath("$.routes[2].outcome").value("NOT_ELIGIBLE"))
                .andExpect(jsonPath("$.routes[2].whatWouldChange.changes[0].field").value("jobOffer.grossMonthlySalaryEur"))
                .andExpect(jsonPath("$.routes[2].whatWouldChange.changes[0].value").value("5688"))
                .andExpect(jsonPath("$.routes[2].whatWouldChange.text").value(containsString("€5,688")))
                .andExpect(jsonPath("$.routes[5].route").value("PARTNER"))
                .andExpect(jsonPath("$.routes[5].outcome").value("NOT_APPLICABLE"))
                .andExpect(jsonPath("$.routes[*].missing").isArray());
    }

    @Test
    void answersInDutch() throws Exception {
        mvc.perform(post("/api/v1/routes/advice").param("lang", "nl").contentType(MediaType.APPLICATION_JSON).content(US_TRANS))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.routes[2].whatWouldChange.text").value(containsString("€ 5.688")));
    }

    @Test
    void badProfilesAre400ProblemsNamingTheField() throws Exception {
        String[][] cases = {
                { "{\"nationality\":\"US\",\"jobOffer\":{\"salary\":1}}", "jobOffer.salary" },
                { "{\"nationality\":\"US\",\"selfEmployed\":{\"capitalEur\":-1}}", "selfEmployed.capitalEur" },
                { "{\"nationality\":\"US\",\"date\":\"2025-01-01\",\"dateOfBirth\":\"2026-01-01\"}", "dateOfBirth" },
                { "this is not json", "profile" },
                { "{\"nationality\":\"XX\"}", "nationality" },
                { "{\"nationality\":\"US\",\"protection\":{\"groups\":[\"elf\"]}}", "protection.groups" },
                { "{\"nationality\":\"IR\",\"familyReunification\":{\"member\":\"FRIEND\"}}", "familyReunification.member" },
                { "{\"nationality\":\"IR\",\"familyReunification\":{\"status\":\"ASYLUM\"}}", "familyReunification.status" },
                { "{\"nationality\":\"IR\",\"familyReunification\":{\"housing\":\"yes\"}}", "familyReunification.housing" },
                { "{\"nationality\":\"IR\",\"date\":\"2026-01-01\",\"familyReunification\":{\"grantedOn\":\"2026-02-01\"}}",
                        "familyReunification.grantedOn" } };
        for (String[] c : cases) {
            mvc.perform(post("/api/v1/routes/advice").contentType(MediaType.APPLICATION_JSON).content(c[0]))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.field").value(c[1]))
                    .andExpect(jsonPath("$.detail").value(not(containsString("Exception"))));
        }
        mvc.perform(post("/api/v1/routes/advice").contentType(MediaType.APPLICATION_JSON)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("profile"));
    }

    @Test
    void familyReunificationOfAnUnmarriedPartnerFromTwelveJune2026PointsToThePartnerRoute() throws Exception {
        String profile = """
                { "nationality": "IR", "date": "2026-12-06",
                  "familyReunification": { "status": "REFUGEE", "grantedOn": "2026-10-01", "member": "UNMARRIED_PARTNER", "familyAtEntry": true } }""";
        mvc.perform(post("/api/v1/routes/advice").contentType(MediaType.APPLICATION_JSON).content(profile))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.routes[6].route").value("FAMILY_REUNIFICATION"))
                .andExpect(jsonPath("$.routes[6].outcome").value("NOT_ELIGIBLE"))
                .andExpect(jsonPath("$.routes[6].reasons[0].code").value("family-unmarried-partner-not-listed"))
                .andExpect(jsonPath("$.routes[6].reasons[0].sources[0]").value("wetten-vw-2026-06-12-family"))
                .andExpect(jsonPath("$.routes[6].reasons[1].code").value("family-partner-route-instead"))
                .andExpect(jsonPath("$.routes[6].reasons[1].text").value(containsString("PARTNER")))
                .andExpect(jsonPath("$.routes[6].missing.length()").value(0));
    }

    @Test
    void theQuestionnaireAsksAboutFamilyReunificationAndShowsItsAdvice() throws Exception {
        mvc.perform(post("/routes").with(csrf()).param("lang", "en").param("step", "3").param("nationality", "IR").param("date", "2026-12-06"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"familyMember\"")))
                .andExpect(content().string(containsString("Family reunification after protection")));
        mvc.perform(post("/routes").with(csrf()).param("lang", "en").param("step", "4").param("nationality", "IR").param("date", "2026-12-06")
                .param("familyMember", "UNMARRIED_PARTNER").param("familyStatus", "REFUGEE").param("familyGrantedOn", "2026-10-01")
                .param("familyAtEntry", "yes"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"route-FAMILY_REUNIFICATION\"")))
                .andExpect(content().string(containsString("an unmarried partner is not covered by family reunification after protection")));
        mvc.perform(post("/routes").with(csrf()).param("lang", "en").param("step", "4").param("nationality", "IR").param("date", "2026-01-01")
                .param("familyGrantedOn", "2026-02-01"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("name=\"familyGrantedOn\"")));
    }
}
