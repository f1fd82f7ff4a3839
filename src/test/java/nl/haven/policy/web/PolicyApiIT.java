package nl.haven.policy.web;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import nl.haven.policy.Country;
import nl.haven.policy.PolicyEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The public policy API and explorer pages, over the shipped data set. */
@SpringBootTest
@AutoConfigureMockMvc
class PolicyApiIT {

    @Autowired
    MockMvc mvc;

    @Test
    void assessmentIsTheDocumentOfTheContract() throws Exception {
        mvc.perform(get("/api/v1/policy/assessment").param("nationality", "RU").param("region", "RU-CE").param("group", "gay")
                .param("date", "2017-09-01"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.nationality").value("RU"))
                .andExpect(jsonPath("$.groups[0]").value("gay"))
                .andExpect(jsonPath("$.date").value("2017-09-01"))
                .andExpect(jsonPath("$.dataset.version").value(startsWith("sha256:")))
                .andExpect(jsonPath("$.region").value("RU-CE"))
                .andExpect(jsonPath("$.evidentiaryStandard").value("GROUP_PERSECUTION"))
                .andExpect(jsonPath("$.riskGroup").value(true))
                .andExpect(jsonPath("$.safeCountryOfOrigin.listed").value(false))
                .andExpect(jsonPath("$.safeCountryOfOrigin.exceptionForGroup").value(false))
                .andExpect(jsonPath("$.internalRelocation.considered").value(false))
                .andExpect(jsonPath("$.provisions[0].id").exists())
                .andExpect(jsonPath("$.provisions[0].kind").exists())
                .andExpect(jsonPath("$.provisions[0].appliesTo").isArray())
                .andExpect(jsonPath("$.provisions[0].sources").isArray())
                .andExpect(jsonPath("$.safeguards").isArray())
                .andExpect(jsonPath("$.sources[0].title").exists())
                .andExpect(jsonPath("$.explanation").isArray());
    }

    @Test
    void regionIsNullWhenNotGivenAndTheUnitedStatesAreASafeCountry() throws Exception {
        mvc.perform(get("/api/v1/policy/assessment").param("nationality", "us").param("group", "trans").param("date", "2025-08-01")
                .param("fact", "military-dismissal"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.region").doesNotExist())
                .andExpect(jsonPath("$.evidentiaryStandard").value("INDIVIDUAL_ASSESSMENT"))
                .andExpect(jsonPath("$.safeCountryOfOrigin.listed").value(true))
                .andExpect(jsonPath("$.safeCountryOfOrigin.exceptionForGroup").value(false))
                .andExpect(jsonPath("$.notes").isNotEmpty());
    }

    @Test
    void theSafeCountryAnswerNamesItsListTheStatementThatStopsItAndTheLaw() throws Exception {
        // 1 October 2025: the United States are still designated nationally, but the whole list is suspended.
        mvc.perform(get("/api/v1/policy/assessment").param("nationality", "US").param("group", "trans").param("date", "2025-10-01"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.safeCountryOfOrigin.listed").value(true))
                .andExpect(jsonPath("$.safeCountryOfOrigin.level").value("NATIONAL"))
                .andExpect(jsonPath("$.safeCountryOfOrigin.applied").value(false))
                .andExpect(jsonPath("$.safeCountryOfOrigin.stoppedBy").value("nl-suspension-2025-09-23"))
                .andExpect(jsonPath("$.safeCountryOfOrigin.stoppedHow").value("SUSPENSION"))
                .andExpect(jsonPath("$.listStatements[0].id").value("nl-suspension-2025-09-23"))
                .andExpect(jsonPath("$.listStatements[0].citations").isArray())
                .andExpect(jsonPath("$.law[0].id").value("vw2000-before-pact"));
        // Today: Morocco on the EU list, its exceptions for categories of persons not read; the law of the Pact.
        mvc.perform(get("/api/v1/policy/assessment").param("nationality", "MA").param("group", "gay").param("date", "2026-12-06"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.safeCountryOfOrigin.level").value("EU"))
                .andExpect(jsonPath("$.safeCountryOfOrigin.listing").value("eu-safe-ma"))
                .andExpect(jsonPath("$.safeCountryOfOrigin.exceptionsKnown").value(false))
                .andExpect(jsonPath("$.safeCountryOfOrigin.applied").value(true))
                .andExpect(jsonPath("$.provisions[?(@.id == 'eu-safe-ma')].regime").value(hasItem("apr-2024-1348")))
                .andExpect(jsonPath("$.law[*].id").value(contains("vw2000-pact", "apr-2024-1348")));
        mvc.perform(get("/policy/assessment").param("nationality", "MA").param("group", "gay").param("date", "2026-12-06").param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("EU list")))
                .andExpect(content().string(containsString("was not confirmed in its legal text")))
                .andExpect(content().string(containsString("Asylum Procedure Regulation (EU) 2024/1348")));
        mvc.perform(get("/policy/assessment").param("nationality", "US").param("group", "trans").param("date", "2025-10-01").param("lang", "nl"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("opgeschort (nl-suspension-2025-09-23)")))
                .andExpect(content().string(containsString("Over de lijsten van veilige landen")));
    }

    @Test
    void badInputIsProblemJsonNamingTheValueAndWhatIsAccepted() throws Exception {
        mvc.perform(get("/api/v1/policy/assessment").param("nationality", "XX").param("group", "gay").param("date", "2017-09-01"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.field").value("nationality"))
                .andExpect(jsonPath("$.detail").value(containsString("'XX'")));
        mvc.perform(get("/api/v1/policy/assessment").param("nationality", "RU").param("group", "gay").param("date", "2017-13-01"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("date"));
        mvc.perform(get("/api/v1/policy/assessment").param("nationality", "RU").param("group", "elf").param("date", "2017-01-01"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value(containsString("lesbian, gay")));
        mvc.perform(get("/api/v1/policy/assessment").param("nationality", "RU").param("group", "gay").param("date", "2017-01-01")
                .param("fact", "unknown-fact"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("fact"));
        mvc.perform(get("/api/v1/policy/assessment").param("nationality", "RU").param("region", "RU-ZZ").param("group", "gay")
                .param("date", "2017-01-01"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value(containsString("RU-CE")));
    }

    @Test
    void countriesAndTimeline() throws Exception {
        mvc.perform(get("/api/v1/policy/countries")).andExpect(status().isOk())
                .andExpect(jsonPath("$.countries[*].code", hasItem("RU")))
                .andExpect(jsonPath("$.countries[*].code", hasItem("US")));
        mvc.perform(get("/api/v1/policy/countries/ir/timeline")).andExpect(status().isOk())
                .andExpect(jsonPath("$.country").value("IR"))
                .andExpect(jsonPath("$.provisions[0].validFrom").value("2006-10-18"));
        mvc.perform(get("/api/v1/policy/countries/QQ/timeline")).andExpect(status().isBadRequest());
    }

    @Test
    void explorerAnswersWithoutJavaScriptInEveryLanguage() throws Exception {
        mvc.perform(get("/policy")).andExpect(status().isOk()).andExpect(content().string(containsString("name=\"nationality\"")))
                .andExpect(content().string(not(containsString("<script"))));
        mvc.perform(get("/policy/assessment").param("nationality", "RU").param("region", "RU-CE").param("group", "gay")
                .param("date", "2017-09-01").param("lang", "nl"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Groepsvervolging")))
                .andExpect(content().string(containsString("id=\"source-1\"")));
        mvc.perform(get("/policy/assessment").param("nationality", "XX").param("group", "gay").param("date", "2017-09-01"))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("Nationality: please choose a country from the list.")));
    }

    @Test
    void countryPageDrawsTheTimelineAsSvg() throws Exception {
        mvc.perform(get("/policy/countries/RU")).andExpect(status().isOk())
                .andExpect(content().string(containsString("<svg")))
                .andExpect(content().string(containsString("<table")))
                .andExpect(content().string(not(containsString("style="))));
        mvc.perform(get("/policy/countries")).andExpect(status().isOk()).andExpect(content().string(containsString("/policy/countries/RU")));
        mvc.perform(get("/policy/countries/QQ").accept(MediaType.TEXT_HTML)).andExpect(status().isNotFound());
    }

    @Test
    void openApiDescribesThePolicyEndpoints() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/policy/assessment']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/policy/countries']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/policy/countries/{cc}/timeline']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/policy/deadline'].get.parameters[*].name", hasItem("eventDate")))
                .andExpect(jsonPath("$.components.schemas.DeadlineDocument.properties.safeEnd").exists())
                .andExpect(jsonPath("$.paths['/api/v1/routes/advice'].post").exists())
                .andExpect(jsonPath("$.components.schemas.Profile.properties.nationality").exists())
                .andExpect(jsonPath("$.components.schemas.RouteAdvice").exists());
    }

    // GET /api/v1/policy/deadline (issue 16, point 7). Hand-computed as in PolicyCommandTests: a decision in the general
    // procedure sent on Thursday 2025-12-18; one week ends on Christmas Day, then Boxing Day, Saturday and Sunday: Monday
    // 2025-12-29 (art. 1(1) Atw).

    @Test
    void deadlineIsTheDueDateWithTheRulesThatMovedItAndItsSources() throws Exception {
        mvc.perform(get("/api/v1/policy/deadline").param("term", "appeal-term").param("eventDate", "2025-12-18")
                .param("track", "general-procedure"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.term").value("appeal-term"))
                .andExpect(jsonPath("$.track").value("general-procedure"))
                .andExpect(jsonPath("$.eventDate").value("2025-12-18"))
                .andExpect(jsonPath("$.end").value("2025-12-29"))
                .andExpect(jsonPath("$.safeEnd").value("2025-12-29"))
                .andExpect(jsonPath("$.plainEnd").value("2025-12-25"))
                .andExpect(jsonPath("$.length.article").value("art. 69(2)(a) Vw"))
                .andExpect(jsonPath("$.rules[*].rule", hasItem("atw-christmas-day")))
                .andExpect(jsonPath("$.rules[*].rule", hasItem("atw-boxing-day")))
                .andExpect(jsonPath("$.rules[*].rule", hasItem("atw-art-1")))
                .andExpect(jsonPath("$.reasons[1]").value("2025-12-25 is not a working day: Christmas Day (art. 3(1) Atw)."))
                .andExpect(jsonPath("$.confidence").value("PRIMARY"))
                .andExpect(jsonPath("$.sources[0].url").value(startsWith("https://wetten.overheid.nl/")))
                .andExpect(jsonPath("$.warnings").isArray())
                .andExpect(jsonPath("$.dataset.version").value(startsWith("sha256:")));
    }

    @Test
    void deadlineBadInputIsProblemJsonNamingTheValueAndWhatIsAccepted() throws Exception {
        mvc.perform(get("/api/v1/policy/deadline").param("term", "response-to-intended-decision").param("eventDate", "2026-12-01"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("applicationDate"))
                .andExpect(jsonPath("$.detail").value(containsString("needs the application date")));
        mvc.perform(get("/api/v1/policy/deadline").param("term", "response-to-intended-decision").param("eventDate", "2026-12-01")
                .param("applicationDate", "2026-3-2"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("applicationDate"))
                .andExpect(jsonPath("$.detail").value(containsString("'2026-3-2'")));
        mvc.perform(get("/api/v1/policy/deadline").param("term", "response-to-intended-decision").param("eventDate", "2026-12-01")
                .param("applicationDate", "2026-03-02"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.end").value("2026-12-29"))
                .andExpect(jsonPath("$.regime").value("vw2000-before-pact"))
                .andExpect(jsonPath("$.law").value("Aliens Act 2000 (Vreemdelingenwet 2000) before 12 June 2026"));
        mvc.perform(get("/api/v1/policy/deadline").param("term", "appeal-trem").param("eventDate", "2025-12-18"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("term"))
                .andExpect(jsonPath("$.detail").value(containsString("'appeal-trem'")))
                .andExpect(jsonPath("$.detail").value(containsString("appeal-term, decision-time-limit")));
        mvc.perform(get("/api/v1/policy/deadline").param("term", "appeal-term").param("eventDate", "2025-12-18").param("track", "fast"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("track"))
                .andExpect(jsonPath("$.detail").value(containsString("'fast'")))
                .andExpect(jsonPath("$.detail").value(containsString("general-procedure")));
        mvc.perform(get("/api/v1/policy/deadline").param("term", "appeal-term").param("eventDate", "2025-02-30").param("track", "general-procedure"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("eventDate"))
                .andExpect(jsonPath("$.detail").value(containsString("'2025-02-30'")));
        mvc.perform(get("/api/v1/policy/deadline").param("term", "appeal-term").param("eventDate", "1999-01-04").param("track", "general-procedure"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("eventDate"))
                .andExpect(jsonPath("$.detail").value(containsString("no version of legal term 'appeal-term' is in force on 1999-01-04")));
        mvc.perform(get("/api/v1/policy/deadline").param("eventDate", "2025-12-18"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("term"))
                .andExpect(jsonPath("$.detail").value(containsString("appeal-term")));
    }

    @Autowired
    PolicyEngine engine;

    @Test
    void everyCountryPageSaysWhenItsDataWasLastReviewed() throws Exception {
        for (String code : engine.dataSet().countriesWithProvisions()) {
            Country country = engine.dataSet().countries().get(code);
            String expected = country == null ? "Last reviewed: not recorded." : "Last reviewed against its sources: " + country.reviewedOn();
            mvc.perform(get("/policy/countries/" + code)).andExpect(status().isOk())
                    .andExpect(content().string(containsString("id=\"last-reviewed\"")))
                    .andExpect(content().string(containsString(expected)));
        }
        String reviewed = String.valueOf(engine.dataSet().countries().get("RU").reviewedOn());
        mvc.perform(get("/policy/countries/RU").param("lang", "nl")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Voor het laatst aan de bronnen getoetst: " + reviewed)));
        mvc.perform(get("/policy/countries/RU").param("lang", "ru")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Последняя сверка с источниками: " + reviewed)));
    }
}
