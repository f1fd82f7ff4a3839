package nl.haven.statistics.internal;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyFiles;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import nl.haven.statistics.Statistics;
import nl.haven.statistics.StatisticsSettings;
import nl.haven.web.WebSlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The statistics API (INTERFACES.md §7) as a web slice: {@link StatisticsApi} with the real {@link Statistics}
 * (parameter checks, disclosure control, the what-if's change file) over a mocked {@link CountStore} instead of the
 * database, and a fixed clock (so "this year" is 2026). The caller is a coordinator ({@link CurrentStaff} mocked); no
 * server, no database.
 */
@WebMvcTest(StatisticsApi.class)
@Import({ WebSlice.class, Statistics.class, StatisticsApiTests.ShippedPolicy.class, StatisticsApiTests.AsInTheApplication.class })
@WithMockUser(roles = "COORDINATOR")
class StatisticsApiTests {
    static final OrgId ORG = OrgId.random();

    @Autowired
    MockMvc mvc;
    @MockitoBean
    CountStore store;
    @MockitoBean
    CurrentStaff staff;

    @TestBean
    Clock clock;

    static Clock clock() {
        return Clock.fixed(Instant.parse("2026-06-15T10:00:00Z"), ZoneOffset.UTC);
    }

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StatisticsSettings.class)
    static class ShippedPolicy {
        @Bean
        PolicyFiles policyFiles() {
            return PolicyFiles.shipped();
        }

        @Bean
        PolicyEngine policyEngine(PolicyFiles files) {
            return new PolicyEngine(PolicyDataSet.load(files));
        }
    }

    /**
     * The application's rule for this path, on purpose: identity's {@code SecurityConfig} lets only coordinators and
     * analysts reach {@code /api/v1/statistics/**}. The real chain needs the identity module's beans, so it is not
     * imported here; {@code AccessMatrixIT} checks it over the whole application. Everything else is refused.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class AsInTheApplication {
        @Bean
        SecurityFilterChain statisticsForCoordinatorsAndAnalysts(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(auth -> auth.requestMatchers("/api/v1/statistics/**").hasAnyRole("COORDINATOR", "ANALYST")
                    .anyRequest().denyAll())
                    .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
                    .build();
        }
    }

    @BeforeEach
    void aCoordinatorAsks() {
        when(staff.require()).thenReturn(new StaffMember(UserId.random(), ORG, Role.COORDINATOR, "Coordinator"));
    }

    /** Ten requests of 2026, all in one bucket of every dimension (the breakdowns of one population share their total). */
    void tenRequestsIn2026() {
        when(store.year(ORG.value(), 2026)).thenReturn(Map.of("month", Map.of("2026-02", 10L), "nationality", Map.of("IR", 10L), "group",
                Map.of("trans", 10L), "route", Map.of("asylum", 10L), "status", Map.of("accepted", 10L), "stage", Map.of("applied", 10L)));
    }

    @Test
    void requestsAreTheStoresCountsForTheCallersOrganisationByOneDimension() throws Exception {
        tenRequestsIn2026();
        // the API takes the document's codes exactly (issue #21: an enum); the dashboard's pages and the CLI take any case
        mvc.perform(get("/api/v1/statistics/requests").param("year", "2026").param("by", "Nationality"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("by"));
        mvc.perform(get("/api/v1/statistics/requests").param("year", "2026").param("by", "nationality"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andExpect(jsonPath("$.year").value(2026))
                .andExpect(jsonPath("$.by").value("nationality"))
                .andExpect(jsonPath("$.k").value(5))
                .andExpect(jsonPath("$.cells[0].key").value("IR"))
                .andExpect(jsonPath("$.cells[0].count").value(10))
                .andExpect(jsonPath("$.total.count").value(10));
        // No year, no dimension: this year (by the clock) by month, every month listed.
        mvc.perform(get("/api/v1/statistics/requests"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.year").value(2026))
                .andExpect(jsonPath("$.by").value("month"))
                .andExpect(jsonPath("$.cells.length()").value(12))
                .andExpect(jsonPath("$.cells[1].key").value("2026-02"))
                .andExpect(jsonPath("$.cells[1].count").value(10));
    }

    @Test
    void badParametersAreProblemsNamingTheFieldAndTheValue() throws Exception {
        mvc.perform(get("/api/v1/statistics/requests").param("year", "twenty"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.title").value("Bad input"))
                .andExpect(jsonPath("$.field").value("year"))
                .andExpect(jsonPath("$.detail").value("year 'twenty' is not a whole number"));
        mvc.perform(get("/api/v1/statistics/requests").param("year", "2027"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("year"))
                .andExpect(jsonPath("$.detail").value("year 2027 is out of range: expected 2000 to 2026"));
        mvc.perform(get("/api/v1/statistics/requests").param("by", "colour"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("by"))
                .andExpect(jsonPath("$.detail").value(containsString("'colour'")));
        mvc.perform(get("/api/v1/statistics/forecast").param("target", "many"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("target"))
                .andExpect(jsonPath("$.detail").value("target 'many' is not a whole number"));
        mvc.perform(get("/api/v1/statistics/forecast").param("nationality", "XX"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("nationality"))
                .andExpect(jsonPath("$.detail").value(containsString("'XX'")));
    }

    @Test
    void aForecastIsForTheYearsPublishedCount() throws Exception {
        tenRequestsIn2026();
        mvc.perform(get("/api/v1/statistics/forecast").param("nationality", "ir"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.year").value(2026))
                .andExpect(jsonPath("$.asOf").value("2026-06-15"))
                .andExpect(jsonPath("$.nationality").value("IR"))
                .andExpect(jsonPath("$.observed").value(10))
                .andExpect(jsonPath("$.interval80.length()").value(2));
    }

    @Test
    void aChangeFileThePolicyLoaderRefusesIsAProblemWithItsLineNumbers() throws Exception {
        mvc.perform(post("/api/v1/statistics/what-if").param("name", "bad.yaml").contentType("application/yaml")
                .content(Files.readString(Path.of("docs/examples/what-if-invalid.yaml"))))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("change"))
                .andExpect(jsonPath("$.errors", hasItem(containsString("bad.yaml:8: unknown group 'transgender'"))));
    }

    @Test
    void aWhatIfComparesTheOpenCasesOnTheDayAskedFor() throws Exception {
        String change = Files.readString(Path.of("docs/examples/what-if-us-trans-risk-group-2026.yaml"));
        when(store.openRows(any())).thenReturn(0L);
        mvc.perform(post("/api/v1/statistics/what-if").param("date", "2026-13-01").contentType("application/yaml").content(change))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("date"))
                .andExpect(jsonPath("$.detail").value("malformed date '2026-13-01': expected YYYY-MM-DD"));
        mvc.perform(post("/api/v1/statistics/what-if").param("date", "2026-07-01").param("name", "../us-trans.yaml")
                .contentType("application/yaml").content(change))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scope").value("organisation"))
                .andExpect(jsonPath("$.date").value("2026-07-01"))
                .andExpect(jsonPath("$.added", hasItem("us-trans-risk-group-2026")));
    }

    @Test
    void aStaffMemberWithoutAStatisticsRoleIsRefusedByTheServiceToo() throws Exception {
        // Should the path rule ever let a caseworker through, the service's own check refuses the request.
        when(staff.require()).thenReturn(new StaffMember(UserId.random(), ORG, Role.CASEWORKER, "Caseworker"));
        mvc.perform(get("/api/v1/statistics/requests")).andExpect(status().isForbidden());
    }

    @Test
    @WithMockUser(roles = "CASEWORKER")
    void thePathIsForCoordinatorsAndAnalystsOnly() throws Exception {
        mvc.perform(get("/api/v1/statistics/requests")).andExpect(status().isForbidden());
        // Not a single count was read.
        verifyNoInteractions(store);
    }
}
