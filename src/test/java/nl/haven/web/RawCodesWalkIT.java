package nl.haven.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.haven.cases.internal.CaseAppointments;
import nl.haven.identity.CurrentStaff;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.server.PathContainer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Issue #19, point 4, acceptance: every staff page, PDF and CSV of {@code serve --demo} is fetched in English and Dutch
 * as the demo coordinator, caseworker, analyst and administrator, and none of its visible text may contain a raw code
 * of the enums, of the shipped policy data set or of the audit actions ({@link RawCodes}: the list is generated, not
 * typed). Which pages are walked is checked against the application's own GET handlers: one that is neither walked nor
 * named with its reason in {@link #NOT_STAFF_PAGES} fails the test, so a page added later cannot be forgotten.
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
    static final Pattern MACHINE_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d|\\d\\d:\\d\\d:\\d\\d\\.\\d+|\\bUTC\\b");

    /**
     * The GET handlers that are not staff pages, PDFs or CSVs, each with its reason. Every other GET handler of the
     * application ({@link RequestMappingHandlerMapping}) must be reached by the walk, so a new staff page is walked or
     * named here; {@code /api/**} answers programs in JSON (the summary PDF under it is walked).
     */
    static final Map<String, String> NOT_STAFF_PAGES = Map.ofEntries(
            Map.entry("/", "the public home page"),
            Map.entry("/policy", "public policy explorer"),
            Map.entry("/policy/assessment", "public policy explorer"),
            Map.entry("/policy/countries", "public policy explorer"),
            Map.entry("/policy/countries/{cc}", "public policy explorer"),
            Map.entry("/policy/changes", "public change log of the data set"),
            Map.entry("/policy/changes.atom", "public Atom feed of the change log"),
            Map.entry("/routes", "public route questionnaire"),
            Map.entry("/intake/{org}", "the public intake form"),
            Map.entry("/follow-up", "the person's follow-up page"),
            Map.entry("/login", "before log-in"),
            Map.entry("/mfa", "halfway through the log-in (second factor)"),
            Map.entry("/mfa/enrol", "halfway through the log-in (second-factor set-up)"),
            Map.entry("/setup/{token}", "the first start's set-up, before any account exists"),
            Map.entry("/activate/{token}", "account activation, before log-in"),
            Map.entry("/webauthn/register", "JSON options for the browser's passkey registration, not a page"),
            Map.entry("/calendar/{token}.ics", "an iCalendar feed for calendar programs, not a page, PDF or CSV"),
            Map.entry("/error", "the error page, reached by the container"),
            Map.entry("/v3/api-docs", "the OpenAPI description of the JSON API, for programs (springdoc)"),
            Map.entry("/v3/api-docs.yaml", "the OpenAPI description of the JSON API, for programs (springdoc)"),
            Map.entry("/v3/api-docs/swagger-config", "the OpenAPI viewer's settings, for programs (springdoc)"),
            Map.entry("/swagger-ui.html", "a redirect to springdoc's API viewer, a developer's tool in English"),
            Map.entry("/problems", "public pages explaining the API's problem types, for developers of partner systems"),
            Map.entry("/problems/{slug}", "public pages explaining the API's problem types, for developers of partner systems"));

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    CaseAppointments appointments;
    @Autowired
    CurrentStaff staff;

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
        // An appointment on the first case, this week (the demo has none): the case page's appointments and the day.
        UUID coordinatorId = jdbc.sql("select id from app_user where email = ?").param("coordinator@trans-network.example").query(UUID.class).single();
        appointments.add(staff.colleague(new OrgId(org), new UserId(coordinatorId)).orElseThrow(), cases.get(0),
                new CaseAppointments.Input("HEARING", LocalDate.now(Labels.DUTCH_TIME).plusDays(2).atTime(LocalTime.of(9, 30)), "Court", "Bring papers"));

        Map<String, String> coordinator = new LinkedHashMap<>();
        coordinator.put("/staff", "html");
        coordinator.put("/cases", "html");
        coordinator.put("/cases?handling=CLOSED", "html");
        coordinator.put("/cases/today", "html");
        for (UUID id : cases) {
            coordinator.put("/cases/" + id, "html");
            coordinator.put("/cases/" + id + "/decision-support", "html");
            coordinator.put("/api/v1/cases/" + id + "/summary.pdf", "pdf");
            coordinator.put("/cases/" + id + "/erasure", "html");
        }
        coordinator.put("/cases/referrals", "html");
        coordinator.put("/audit", "html");
        coordinator.put("/statistics", "html");
        coordinator.put("/statistics/what-if", "html");
        coordinator.put("/statistics/report.pdf", "pdf");
        coordinator.put("/statistics/export.csv", "csv");
        coordinator.put("/grants", "html");
        coordinator.put("/grants/recovery-key", "html");
        coordinator.put("/grants/recover", "html");
        Map<String, String> everyone = new LinkedHashMap<>();
        for (String account : List.of("/account/tokens", "/account/passkeys", "/account/password", "/account/notifications", "/account/unlock")) {
            everyone.put(account, "html");
        }
        Map<String, Map<String, String>> walk = new LinkedHashMap<>();
        walk.put("coordinator@trans-network.example:COORDINATOR", join(coordinator, everyone));
        walk.put("caseworker@trans-network.example:CASEWORKER", join(Map.of("/staff", "html", "/cases", "html", "/cases/today", "html"), everyone));
        walk.put("analyst@trans-network.example:ANALYST", join(Map.of("/staff", "html", "/statistics", "html", "/statistics/export.csv", "csv"), everyone));
        walk.put("admin@trans-network.example:ADMIN", join(Map.of("/staff", "html", "/admin/users", "html", "/admin/organisation", "html",
                "/audit", "html"), everyone));
        List<String> unwalked = unwalkedGetHandlers(walk);

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
        System.out.println("[walk] raw codes found: " + found + "; GET handlers not walked: " + unwalked);
        assertThat(unwalked).as("GET handlers neither walked nor named in NOT_STAFF_PAGES with a reason").isEmpty();
        assertThat(found).as("raw codes in visible text").isEmpty();
    }

    /** The application's GET handlers that no walked address reaches, other than {@code /api/**} and {@link #NOT_STAFF_PAGES}. */
    List<String> unwalkedGetHandlers(Map<String, Map<String, String>> walk) {
        Set<String> walked = new TreeSet<>();
        walk.values().forEach(pages -> pages.keySet().forEach(p -> walked.add(p.contains("?") ? p.substring(0, p.indexOf('?')) : p)));
        List<String> unwalked = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : mappings.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = handler.getKey().getMethodsCondition().getMethods();
            if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
                continue;
            }
            for (String pattern : handler.getKey().getPatternValues()) {
                if (pattern.startsWith("/api/") || NOT_STAFF_PAGES.containsKey(pattern)) {
                    continue;
                }
                PathPattern parsed = PathPatternParser.defaultInstance.parse(pattern);
                if (walked.stream().noneMatch(p -> parsed.matches(PathContainer.parsePath(p)))) {
                    unwalked.add(pattern + " " + handler.getValue().getShortLogMessage());
                }
            }
        }
        return unwalked;
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
            default -> RawCodes.visibleText(new String(body, StandardCharsets.UTF_8));
        };
    }

    static Set<String> rawCodesIn(String text, Set<String> codes) {
        return RawCodes.in(text, codes);
    }
}
