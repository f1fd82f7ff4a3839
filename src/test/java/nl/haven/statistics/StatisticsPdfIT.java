package nl.haven.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.NewCase;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.testing.PdfPages;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 19, point 10: the statistics PDF read back with PDFBox. The monthly table's year headings stand over their own
 * columns (each heading's x-range overlaps the x-range of every cell below it), and every page carries the
 * organisation's name, the date it was made (Amsterdam) and "n / N".
 */
@SpringBootTest
@AutoConfigureMockMvc
class StatisticsPdfIT {
    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    /** Enough nationalities for a report of more than one page. */
    static final List<String> COUNTRIES = List.of("US", "RU", "IR", "IQ", "SY", "AF", "UG", "NG", "GH", "KE", "CM", "SN", "MA", "DZ", "TN", "EG",
            "SA", "AE", "QA", "PK", "BD", "IN", "LK", "MY", "ID", "CN", "BY", "UA", "GE", "AM", "AZ", "TR", "JM", "TT", "GY", "VE", "CO", "SD", "ER",
            "ET", "SO", "LY", "YE", "UM");

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    CaseOpening caseOpening;
    @Autowired
    StatisticsRelease release;
    @Autowired
    Clock clock;

    StaffFixture org;

    @BeforeEach
    void organisation() {
        org = StaffFixture.create(identity, "pdf");
        for (int c = 0; c < COUNTRIES.size(); c++) {
            for (int i = 0; i < (c % 3 == 0 ? 6 : 1); i++) {
                CaseDetails details = new CaseDetails("Name", null, null, List.of("trans"), List.of(), false, "text", "en", null, Map.of());
                caseOpening.open(org.member(Role.COORDINATOR), new NewCase(COUNTRIES.get(c), COUNTRIES.get(c), details, "STAFF"));
            }
        }
        release.release();
    }

    byte[] pdf(String lang) throws Exception {
        return mvc.perform(get("/statistics/report.pdf?lang=" + lang).with(authentication(UsernamePasswordAuthenticationToken.authenticated(
                org.emails().get(Role.ANALYST), null, List.of(new SimpleGrantedAuthority("ROLE_ANALYST"), new SimpleGrantedAuthority("FACTOR_TOTP"))))))
                .andReturn().getResponse().getContentAsByteArray();
    }

    @Test
    void theMonthlyTablesYearHeadingsStandOverTheirColumnsInEnglishAndDutch() throws Exception {
        int year = LocalDate.now(clock.withZone(AMSTERDAM)).getYear();
        for (String lang : List.of("en", "nl")) {
            List<PdfPages.Line> lines = PdfPages.lines(pdf(lang));
            List<String> years = new ArrayList<>();
            for (int y = Math.max(Statistics.FIRST_YEAR, year - 2); y <= year; y++) {
                years.add(String.valueOf(y));
            }
            PdfPages.Line heading = lines.stream().filter(l -> l.groups().size() >= years.size()
                    && l.groups().subList(l.groups().size() - years.size(), l.groups().size()).stream().map(PdfPages.Group::text).toList()
                            .equals(years)).findFirst().orElseThrow(() -> new AssertionError("no line with the headings " + years + " in " + lang));
            List<PdfPages.Group> yearHeadings = heading.groups().subList(heading.groups().size() - years.size(), heading.groups().size());
            List<PdfPages.Line> rows = new ArrayList<>();
            for (Month m : Month.values()) {
                String label = m.getDisplayName(TextStyle.SHORT, Locale.forLanguageTag(lang));
                rows.add(lines.stream().filter(l -> l.page() == heading.page() && l.y() > heading.y() && l.groups().get(0).text().equals(label))
                        .findFirst().orElseThrow(() -> new AssertionError("no row for " + label + " under the headings in " + lang)));
            }
            for (PdfPages.Line row : rows) {
                assertThat(row.groups()).as("cells of %s", row.text()).hasSize(years.size() + 1);
                for (int i = 0; i < years.size(); i++) {
                    PdfPages.Group cell = row.groups().get(i + 1);
                    assertThat(yearHeadings.get(i).overlaps(cell)).as("%s: the heading %s (x %.1f–%.1f) over the cell %s (x %.1f–%.1f) of %s", lang,
                            yearHeadings.get(i).text(), yearHeadings.get(i).left(), yearHeadings.get(i).right(), cell.text(), cell.left(), cell.right(),
                            row.groups().get(0).text()).isTrue();
                }
            }
        }
    }

    @Test
    void everyPageCarriesTheOrganisationTheDateAndItsNumber() throws Exception {
        String today = LocalDate.now(clock.withZone(AMSTERDAM)).toString();
        for (String lang : List.of("en", "nl", "ru")) {
            List<String> pages = PdfPages.texts(pdf(lang));
            assertThat(pages).as("pages in %s", lang).hasSizeGreaterThanOrEqualTo(2);
            for (int p = 0; p < pages.size(); p++) {
                assertThat(pages.get(p)).as("page %d of %d in %s", p + 1, pages.size(), lang).contains("Test " + org.slug(), today)
                        .containsPattern(PdfPages.pageNumber(p + 1, pages.size()));
            }
        }
    }
}
