package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.cases.internal.CaseView;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.testing.PdfPages;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 19, point 10: the lawyer's case summary carries the organisation's name, the date it was made (Amsterdam) and
 * "n / N" on every page, so a page that comes loose from the rest still says whose it is, when and where it belongs.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CaseSummaryPdfIT {
    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    CaseOpening caseOpening;
    @Autowired
    Clock clock;

    @Test
    void everyPageOfALongSummaryCarriesTheOrganisationTheDateAndItsNumber() throws Exception {
        StaffFixture org = StaffFixture.create(identity, "summary");
        CaseDetails details = new CaseDetails("Robin", null, null, List.of("trans"), List.of(), false, "text", "en", null, Map.of());
        CaseView opened = caseOpening.open(org.member(Role.CASEWORKER), new NewCase("RU", "RU", details, "STAFF"));
        String note = "Called the lawyer about the interview; the letter from the IND is in the documents. ".repeat(6);
        for (int i = 0; i < 40; i++) {
            mvc.perform(post("/api/v1/cases/{id}/notes", opened.id()).header("Authorization", org.bearer(Role.COORDINATOR))
                    .contentType(MediaType.APPLICATION_JSON).content("{\"body\": \"" + i + ": " + note + "\"}")).andExpect(status().isCreated());
        }
        String today = LocalDate.now(clock.withZone(ZoneId.of("Europe/Amsterdam"))).toString();
        for (String lang : List.of("en", "nl")) {
            byte[] pdf = mvc.perform(get("/api/v1/cases/{id}/summary.pdf?lang=" + lang, opened.id()).header("Authorization", org.bearer(Role.COORDINATOR)))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
            List<String> pages = PdfPages.texts(pdf);
            assertThat(pages).as("pages in %s", lang).hasSizeGreaterThanOrEqualTo(3);
            for (int p = 0; p < pages.size(); p++) {
                assertThat(pages.get(p)).as("page %d of %d in %s", p + 1, pages.size(), lang).contains("Test " + org.slug(), today)
                        .containsPattern(PdfPages.pageNumber(p + 1, pages.size()));
            }
        }
    }
}
