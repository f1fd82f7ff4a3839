package nl.haven.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.NewCase;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The dashboard, its CSV and PDF, and the what-if page, as a coordinator sees them in a browser (no JavaScript). */
@SpringBootTest
@AutoConfigureMockMvc
class StatisticsPagesIT {
    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    CaseOpening caseOpening;
    @Autowired
    StatisticsRelease release;

    StaffFixture org;

    @BeforeEach
    void organisation() {
        org = StaffFixture.create(identity, "pages");
        for (int i = 0; i < 8; i++) {
            open("US", List.of("trans"));
        }
        for (int i = 0; i < 6; i++) {
            open("RU", List.of("gay"));
        }
        open("IR", List.of("lesbian"));
        // Published numbers change only at release points (issue #15, point 9).
        release.release();
    }

    void open(String nationality, List<String> groups) {
        CaseDetails details = new CaseDetails("Name", null, null, groups, List.of(), false, "text", "en", null, Map.of());
        caseOpening.open(org.member(Role.COORDINATOR), new NewCase(nationality, nationality, details, "STAFF"));
    }

    MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, Role role) {
        return request.with(authentication(UsernamePasswordAuthenticationToken.authenticated(org.emails().get(role), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role), new SimpleGrantedAuthority("FACTOR_TOTP")))));
    }

    @Test
    void theDashboardDrawsItsChartsAsSvgWithTextAlternativesAndSuppressesSmallCounts() throws Exception {
        MvcResult page = mvc.perform(as(get("/statistics"), Role.COORDINATOR)).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        String html = page.getResponse().getContentAsString();
        assertThat(html).contains("<svg").contains("role=\"img\"").contains("<title id=\"chart-forecast-title\">").contains("<desc")
                .contains("id=\"months-table\"").contains("id=\"table-nationality\"").contains("id=\"table-group\"")
                .contains("Trans and non-binary").contains("United States (US)").doesNotContain("<script");
        // The single Iranian request is a range, never "1".
        assertThat(html).containsPattern("Iran[^<]*\\(IR\\)</th>\\s*<td[^>]*>1–4</td>");
        assertThat(html).contains("id=\"released-at\"").contains("Numbers as of");
        assertThat(mvc.perform(as(get("/statistics?lang=ru"), Role.ANALYST)).andReturn().getResponse().getContentAsString())
                .contains("Транс- и небинарные люди");
        assertThat(mvc.perform(as(get("/statistics?year=1999"), Role.ANALYST)).andReturn().getResponse().getStatus()).isEqualTo(400);
    }

    @Test
    void theCsvAndThePdfPublishTheSameProtectedNumbers() throws Exception {
        MvcResult csv = mvc.perform(as(get("/statistics/export.csv"), Role.ANALYST)).andReturn();
        assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
        assertThat(csv.getResponse().getHeader("Content-Disposition")).contains("attachment").contains(".csv");
        String text = csv.getResponse().getContentAsString();
        // The header in the reader's language, each code beside its meaning (issue #19, point 4).
        assertThat(text).startsWith("Year,Dimension,Code,Meaning,Count,Range from,Range to,Rounded or withheld\r\n");
        assertThat(text).contains(",nationality,US,United States (US),8,,,").contains(",nationality,IR,Iran (IR),,1,4,true")
                .contains(",forecast,median,Forecast for the year (median),");
        assertThat(text).doesNotContain(",total,15,");

        MvcResult pdf = mvc.perform(as(get("/statistics/report.pdf?lang=ru"), Role.COORDINATOR)).andReturn();
        assertThat(pdf.getResponse().getContentType()).isEqualTo("application/pdf");
        byte[] bytes = pdf.getResponse().getContentAsByteArray();
        assertThat(new String(bytes, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(bytes.length).isGreaterThan(2000);
    }

    @Test
    void theWhatIfPageCountsOrRefusesWithTheLoadersMessages() throws Exception {
        String change = Files.readString(Path.of("docs/examples/what-if-us-trans-risk-group-2026.yaml"));
        MvcResult ok = mvc.perform(as(post("/statistics/what-if").param("change", change).with(csrf()), Role.COORDINATOR)).andReturn();
        assertThat(ok.getResponse().getStatus()).isEqualTo(200);
        assertThat(ok.getResponse().getContentAsString()).contains("id=\"what-if-table\"").contains("Minor indications suffice")
                .containsPattern("Minor indications suffice \\(risk group\\)</td>\\s*<td[^>]*>8</td>");
        MvcResult refused = mvc.perform(as(post("/statistics/what-if").param("change",
                Files.readString(Path.of("docs/examples/what-if-invalid.yaml"))).with(csrf()), Role.ANALYST)).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(refused.getResponse().getContentAsString()).contains("change.yaml:8: unknown group &#39;transgender&#39;");
    }
}
