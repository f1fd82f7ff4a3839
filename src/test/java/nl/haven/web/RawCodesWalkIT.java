package nl.haven.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.HtmlUtils;

/**
 * Issue #19, point 4, acceptance: every staff page, PDF and CSV of {@code serve --demo} is fetched in English and Dutch
 * as the demo coordinator, caseworker, analyst and administrator, and none of its visible text may contain a raw code
 * of the enums or of the shipped policy data set ({@link RawCodes}: the list is generated, not typed).
 *
 * <p>What counts as visible text: an HTML page's text without its tags (so attributes — form values, ids, hrefs, CSS
 * classes — are not read), without {@code <script>}, {@code <style>}, {@code <textarea>} (what a person typed or
 * pastes, e.g. the what-if's YAML box, which is a form value), without HTML comments and without a
 * {@code <details class="technical">} block (decision support's step-by-step reasoning, which cites the data set's
 * provision and statement ids the way a footnote cites a source, closed by default); a PDF's text (PDFBox); a
 * CSV's whole text. Nothing else is left out. The same text may show no machine time (an ISO instant, fractions of a
 * second, "UTC"): times are shown in Amsterdam time to the minute.
 */
@SpringBootTest(properties = "haven.identity.demo=true")
@AutoConfigureMockMvc
class RawCodesWalkIT {
    static final String ORG = "demo-trans-network";
    static final Pattern HIDDEN = Pattern.compile("(?is)<!--.*?-->|<script\\b.*?</script>|<style\\b.*?</style>|<textarea\\b.*?</textarea>"
            + "|<details class=\"technical\">.*?</details>");
    static final Pattern MACHINE_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d|\\d\\d:\\d\\d:\\d\\d\\.\\d+|\\bUTC\\b");
    static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void noStaffPagePdfOrCsvOfTheDemoShowsARawCode() throws Exception {
        Set<String> codes = RawCodes.all();
        assertThat(codes).as("generated codes").contains("MINOR_INDICATIONS", "HIGHLY_SKILLED_MIGRANT", "NEEDS_INFORMATION",
                "jobOffer.grossMonthlySalaryEur", "case.applied", "PREPARING");
        UUID org = jdbc.sql("select id from organisation where slug = ?").param(ORG).query(UUID.class).single();
        List<UUID> cases = jdbc.sql("select id from case_file where org_id = ? order by reference").param(org).query(UUID.class).list();
        assertThat(cases).as("demo cases").hasSizeGreaterThanOrEqualTo(5);
        // As after the second factor's set-up (the demo users have not done it yet; a session without it is ended).
        jdbc.sql("update app_user set totp_enrolled = true where org_id = ?").param(org).update();

        Map<String, String> coordinator = new LinkedHashMap<>();
        coordinator.put("/staff", "html");
        coordinator.put("/cases", "html");
        coordinator.put("/cases?handling=CLOSED", "html");
        coordinator.put("/cases/today", "html");
        for (UUID id : cases) {
            coordinator.put("/cases/" + id, "html");
            coordinator.put("/cases/" + id + "/decision-support", "html");
            coordinator.put("/api/v1/cases/" + id + "/summary.pdf", "pdf");
        }
        coordinator.put("/statistics", "html");
        coordinator.put("/statistics/what-if", "html");
        coordinator.put("/statistics/report.pdf", "pdf");
        coordinator.put("/statistics/export.csv", "csv");
        coordinator.put("/grants", "html");
        Map<String, String> everyone = new LinkedHashMap<>();
        for (String account : List.of("/account/tokens", "/account/passkeys", "/account/password", "/account/notifications")) {
            everyone.put(account, "html");
        }
        Map<String, Map<String, String>> walk = new LinkedHashMap<>();
        walk.put("coordinator@trans-network.example:COORDINATOR", join(coordinator, everyone));
        walk.put("caseworker@trans-network.example:CASEWORKER", join(Map.of("/staff", "html", "/cases", "html", "/cases/today", "html"), everyone));
        walk.put("analyst@trans-network.example:ANALYST", join(Map.of("/staff", "html", "/statistics", "html", "/statistics/export.csv", "csv"), everyone));
        walk.put("admin@trans-network.example:ADMIN", join(Map.of("/staff", "html", "/admin/users", "html"), everyone));

        Map<String, Set<String>> found = new TreeMap<>();
        int fetched = 0;
        for (Map.Entry<String, Map<String, String>> who : walk.entrySet()) {
            String[] user = who.getKey().split(":");
            for (Map.Entry<String, String> page : who.getValue().entrySet()) {
                for (String lang : List.of("en", "nl")) {
                    String path = page.getKey() + (page.getKey().contains("?") ? "&" : "?") + "lang=" + lang;
                    MvcResult result = mvc.perform(get(path).with(authentication(UsernamePasswordAuthenticationToken.authenticated(user[0], null,
                            List.of(new SimpleGrantedAuthority("ROLE_" + user[1]), new SimpleGrantedAuthority("FACTOR_TOTP"))))).accept("text/html"))
                            .andReturn();
                    assertThat(result.getResponse().getStatus()).as("%s as %s", path, user[1]).isEqualTo(200);
                    fetched++;
                    String text = visibleText(page.getValue(), result.getResponse().getContentAsByteArray());
                    Set<String> raw = rawCodesIn(text, codes);
                    // Times as people read them: Amsterdam time to the minute, never an ISO instant, nanoseconds or "UTC".
                    Matcher instant = MACHINE_TIME.matcher(text);
                    if (instant.find()) {
                        raw.add("a machine time «" + instant.group() + "»");
                    }
                    if (!raw.isEmpty()) {
                        found.put(user[1] + " " + path, raw);
                    }
                }
            }
        }
        assertThat(fetched).isGreaterThan(40);
        assertThat(found).as("raw codes in visible text").isEmpty();
    }

    static Map<String, String> join(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new LinkedHashMap<>(a);
        all.putAll(b);
        return all;
    }

    static String visibleText(String kind, byte[] body) throws IOException {
        return switch (kind) {
            case "pdf" -> {
                try (PDDocument pdf = Loader.loadPDF(body)) {
                    yield new PDFTextStripper().getText(pdf);
                }
            }
            case "csv" -> new String(body, StandardCharsets.UTF_8);
            default -> {
                String html = HIDDEN.matcher(new String(body, StandardCharsets.UTF_8)).replaceAll(" ");
                yield HtmlUtils.htmlUnescape(TAG.matcher(html).replaceAll(" "));
            }
        };
    }

    /** Each code that stands as a word of its own (not inside a longer word, identifier or address), case-sensitively. */
    static Set<String> rawCodesIn(String text, Set<String> codes) {
        Set<String> raw = new TreeSet<>();
        for (String code : codes) {
            if (!text.contains(code)) {
                continue;
            }
            Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}_.\\-/])" + Pattern.quote(code) + "(?![\\p{L}\\p{N}_\\-/]|\\.[\\p{L}\\p{N}])").matcher(text);
            if (m.find()) {
                int from = Math.max(0, m.start() - 30);
                int to = Math.min(text.length(), m.end() + 30);
                raw.add(code + " in «" + text.substring(from, to).replaceAll("\\s+", " ").strip() + "»");
            }
        }
        return raw;
    }
}
