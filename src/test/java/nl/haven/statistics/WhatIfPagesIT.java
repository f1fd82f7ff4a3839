package nl.haven.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.springframework.web.util.HtmlUtils;

/**
 * The what-if form (issue #19 point 9): it writes the change file, shows it and counts with it, and the expert's box
 * given that file answers the same; a wrong field is refused with 400 and named at the field, in the page's language.
 */
@SpringBootTest
@AutoConfigureMockMvc
class WhatIfPagesIT {
    static final Pattern TABLE = Pattern.compile("<table class=\"numbers\" id=\"what-if-table\">.*?</table>", Pattern.DOTALL);
    static final Pattern YAML = Pattern.compile("<pre class=\"text\" id=\"generated-yaml\">(.*?)</pre>", Pattern.DOTALL);

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
        org = StaffFixture.create(identity, "whatif");
        for (int i = 0; i < 7; i++) {
            open("US", List.of("trans"));
        }
        for (int i = 0; i < 6; i++) {
            open("US", List.of("gay"));
        }
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

    static String first(Pattern pattern, String html) {
        Matcher m = pattern.matcher(html);
        assertThat(m.find()).as(pattern.pattern()).isTrue();
        return m.groupCount() > 0 ? m.group(1) : m.group();
    }

    @Test
    void theFormWritesTheChangeFileAndCountsLikeTheExpertBoxGivenThatFile() throws Exception {
        MvcResult page = mvc.perform(as(get("/statistics/what-if?lang=nl"), Role.COORDINATOR)).andReturn();
        assertThat(page.getResponse().getContentAsString()).contains("id=\"wi-country\"").contains("Verenigde Staten").contains("Tsjetsjenië")
                .contains("type=\"date\" id=\"wi-from\"").contains("Geringe indicaties volstaan (risicogroep)").contains("id=\"change\"");

        MvcResult form = mvc.perform(as(post("/statistics/what-if/form").param("country", "US").param("region", "").param("groups", "trans")
                .param("kind", "RISK_GROUP").param("from", "01-01-2026").with(csrf()), Role.COORDINATOR)).andReturn();
        assertThat(form.getResponse().getStatus()).isEqualTo(200);
        String html = form.getResponse().getContentAsString();
        String table = first(TABLE, html);
        assertThat(table).containsPattern("Individual assessment</td><td>Minor indications suffice \\(risk group\\)</td>\\s*<td[^>]*>7</td>");
        String yaml = HtmlUtils.htmlUnescape(first(YAML, html));
        assertThat(yaml).startsWith("schemaVersion: 1").contains("country: US").contains("kind: RISK_GROUP").contains("validTo: '2026-01-01'");
        // The form keeps what was chosen.
        assertThat(html).contains("value=\"US\" selected").contains("value=\"RISK_GROUP\" selected").containsPattern("value=\"trans\"\\s+checked");

        MvcResult expert = mvc.perform(as(post("/statistics/what-if").param("change", yaml).with(csrf()), Role.COORDINATOR)).andReturn();
        assertThat(expert.getResponse().getStatus()).isEqualTo(200);
        assertThat(first(TABLE, expert.getResponse().getContentAsString())).isEqualTo(table);
    }

    @Test
    void wrongFieldsAreRefusedWith400AndNamedAtTheirFieldAllAtOnce() throws Exception {
        MvcResult refused = mvc.perform(as(post("/statistics/what-if/form").param("country", "").param("region", "")
                .param("kind", "RISK_GROUP").param("from", "31-02-2027").with(csrf()), Role.COORDINATOR)).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        String html = refused.getResponse().getContentAsString();
        assertThat(html).contains("<p class=\"field-error\" id=\"wi-from-error\">From which date: &quot;31-02-2027&quot; is not a date.")
                .contains("id=\"wi-country-error\">Country: choose a country.")
                .contains("id=\"wi-groups-error\">Groups: choose at least one group.")
                .contains("aria-describedby=\"wi-from-hint wi-from-error\"").contains("aria-describedby=\"wi-country-error\"")
                .contains("aria-describedby=\"wi-groups-hint wi-groups-error\"").contains("href=\"#wi-from\"")
                .doesNotContain("id=\"wi-kind-error\"").doesNotContain("id=\"what-if-table\"").doesNotContain("id=\"generated-yaml\"");

        String dutch = mvc.perform(as(post("/statistics/what-if/form?lang=nl").param("country", "RU").param("region", "US-CA")
                .param("groups", "gay").param("kind", "RISK_GROUP").param("from", "2027-13-01").with(csrf()), Role.COORDINATOR))
                .andReturn().getResponse().getContentAsString();
        assertThat(dutch).contains("Vanaf welke datum: &quot;2027-13-01&quot; is geen datum.").contains("Regio: &quot;US-CA&quot; is geen regio");

        MvcResult badCompare = mvc.perform(as(post("/statistics/what-if").param("change", "schemaVersion: 1").param("date", "32-12-2026")
                .with(csrf()), Role.ANALYST)).andReturn();
        assertThat(badCompare.getResponse().getStatus()).isEqualTo(400);
        assertThat(badCompare.getResponse().getContentAsString()).contains("id=\"date-error\">Compare on: &quot;32-12-2026&quot; is not a date.");
    }
}
