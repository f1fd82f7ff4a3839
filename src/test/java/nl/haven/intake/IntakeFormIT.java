package nl.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/** The intake form through the real security chain: the answer after commit, one case per form, bad input, no session. */
@SpringBootTest
@AutoConfigureMockMvc
class IntakeFormIT {
    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;

    String org;

    @BeforeEach
    void organisation() {
        org = IntakeFixture.organisation(identity, "form");
    }

    long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    MockMultipartHttpServletRequestBuilder form(String lang, String message) {
        return form(lang, message, UUID.randomUUID().toString(), true);
    }

    MockMultipartHttpServletRequestBuilder form(String lang, String message, String token, boolean consent) {
        return form(lang, message, token, consent, "none", "");
    }

    MockMultipartHttpServletRequestBuilder form(String lang, String message, String token, boolean consent, String channel, String value) {
        MockMultipartHttpServletRequestBuilder request = multipart("/intake/" + org + "?lang=" + lang);
        request.param("submission", token).param("nameUsed", "Robin").param("pronouns", "she/her")
                .param("groups", "trans").param("nationality", "US").param("countryOfResidence", "US").param("message", message)
                .param("contactChannel", channel).param("contactValue", value);
        if (consent) {
            request.param("consentProcessing", "true");
        }
        request.with(csrf()).with(r -> {
            r.setRemoteAddr("198.51.100." + (1 + (int) (Math.random() * 200)));
            return r;
        });
        return request;
    }

    /*
     * Sessions and cookies are checked over real HTTP in IntakeHttpIT: Spring Security Test's csrf() swaps the CSRF token
     * repository of the shared context for a session-based one, so MockMvc cannot show them.
     */
    @Test
    void theFormIsThereInEachLanguageWithAQuickExit() throws Exception {
        for (String[] lang : List.of(new String[] { "en", "Ask" }, new String[] { "nl", "Vraag" }, new String[] { "ru", "Обратиться" })) {
            MvcResult result = mvc.perform(get("/intake/" + org + "?lang=" + lang[0])).andReturn();
            assertThat(result.getResponse().getStatus()).isEqualTo(200);
            String html = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(html).contains(lang[1]).contains("class=\"quick-exit\"").contains("https://www.google.com/")
                    .contains("enctype=\"multipart/form-data\"").contains("name=\"_csrf\"");
            assertThat(result.getResponse().getHeader("Cache-Control")).isEqualTo("no-store");
            assertThat(result.getResponse().getHeader("Content-Security-Policy")).startsWith("default-src 'none'");
        }
    }

    @Test
    void aRequestBecomesOneCaseAndTheAnswerShowsReferenceAndCodename() throws Exception {
        long cases = count("case_file");
        MvcResult result = mvc.perform(form("en", "I am a trans woman in Texas and I need to leave.")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        String html = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        String codename = IntakeFixture.codename(html);
        String reference = IntakeFixture.reference(html);
        assertThat(codename.split(" ")).hasSize(7).allSatisfy(word -> assertThat(Codenames.load()).contains(word));
        assertThat(html).contains("password manager");
        assertThat(count("case_file")).isEqualTo(cases + 1);
        assertThat(jdbc.sql("select handling || ' ' || source from case_file where reference = ?").param(reference).query(String.class).single())
                .isEqualTo("NEW INTAKE");
        String caseId = jdbc.sql("select id from case_file where reference = ?").param(reference).query(UUID.class).single().toString();
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'intake.case-opened' and subject_id = ? and actor = 'anonymous'")
                .param(caseId).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select hash from intake_codename where case_id = ?").param(UUID.fromString(caseId)).query(String.class)
                .single()).startsWith("$argon2id$").doesNotContain(codename.split(" ")[0]);
        assertThat(result.getResponse().getHeader("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void theSameFormSentTwiceOpensOneCase() throws Exception {
        long cases = count("case_file");
        String token = UUID.randomUUID().toString();
        String first = mvc.perform(form("nl", "Ik ben homo en zoek veiligheid.", token, true)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String again = mvc.perform(form("nl", "Ik ben homo en zoek veiligheid.", token, true)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(IntakeFixture.reference(again)).isEqualTo(IntakeFixture.reference(first));
        assertThat(IntakeFixture.codename(again)).isEqualTo(IntakeFixture.codename(first));
        assertThat(count("case_file")).isEqualTo(cases + 1);
    }

    @Test
    void anEmptyRequestIsRefusedInThePersonsLanguageAndNothingIsStored() throws Exception {
        long cases = count("case_file");
        long audit = count("audit_event");
        for (String[] lang : List.of(new String[] { "en", "Please write what you would like help with." },
                new String[] { "nl", "Schrijf waar u hulp bij wilt." }, new String[] { "ru", "Напишите, с чем вам нужна помощь." })) {
            MvcResult result = mvc.perform(form(lang[0], "   ")).andReturn();
            assertThat(result.getResponse().getStatus()).isEqualTo(400);
            assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains(lang[1]).contains("value=\"Robin\"");
        }
        assertThat(count("case_file")).isEqualTo(cases);
        assertThat(count("audit_event")).isEqualTo(audit);
    }

    /** Issue #20, point 8: a contact value not in its channel's form is refused, named at the field, and nothing is stored. */
    @Test
    void contactValuesMustHaveTheFormOfTheirChannel() throws Exception {
        long cases = count("case_file");
        for (String[] bad : List.of(new String[] { "en", "email", "not-an-email", "This does not look like an e-mail address." },
                new String[] { "nl", "phone", "bel me", "Schrijf het telefoonnummer in cijfers" },
                new String[] { "ar", "signal", "river", "اسم المستخدم في Signal" })) {
            MvcResult result = mvc.perform(form(bad[0], "Help", UUID.randomUUID().toString(), true, bad[1], bad[2])).andReturn();
            String page = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(result.getResponse().getStatus()).isEqualTo(400);
            assertThat(page).contains(bad[3]).contains("href=\"#contactValue\"");
            assertThat(page).containsPattern("id=\"contactValue\"[^>]*aria-invalid=\"true\"");
        }
        assertThat(count("case_file")).isEqualTo(cases);
        MvcResult fine = mvc.perform(form("en", "Help", UUID.randomUUID().toString(), true, "email", "robin@example.org")).andReturn();
        assertThat(fine.getResponse().getStatus()).isEqualTo(200);
        assertThat(count("case_file")).isEqualTo(cases + 1);
    }

    /** Issue #20, point 8: the request and the consent are marked required, in words and for assistive technology. */
    @Test
    void requiredFieldsAreMarked() throws Exception {
        String page = mvc.perform(get("/intake/" + org).param("lang", "ru")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).containsPattern("<textarea id=\"message\"[^>]*required aria-required=\"true\"");
        assertThat(page).containsPattern("id=\"consentProcessing\"[^>]*required aria-required=\"true\"");
        assertThat(page.split("\\(обязательно\\)", -1)).hasSize(3);
        assertThat(page).contains(">Гей<").doesNotContain(">Геи<");
    }

    @Test
    void withoutConsentNothingIsStored() throws Exception {
        long cases = count("case_file");
        MvcResult result = mvc.perform(form("en", "Help", "t-" + System.nanoTime(), false)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(result.getResponse().getContentAsString()).contains("only accept your request if you agree");
        assertThat(count("case_file")).isEqualTo(cases);
    }

    @Test
    void anUnknownOrganisationIsNotFound() throws Exception {
        assertThat(mvc.perform(get("/intake/no-such-organisation")).andReturn().getResponse().getStatus()).isEqualTo(404);
        org = "no-such-organisation";
        long cases = count("case_file");
        assertThat(mvc.perform(form("en", "Help")).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(count("case_file")).isEqualTo(cases);
    }

    @Test
    void aRenamedExecutableIsRefusedByItsContentAndNothingIsStored() throws Exception {
        long cases = count("case_file");
        long documents = count("case_document");
        for (String[] lang : List.of(new String[] { "en", "is not a PDF, JPEG or PNG file" }, new String[] { "nl", "is geen PDF-, JPEG- of PNG-bestand" },
                new String[] { "ru", "не файл PDF, JPEG или PNG" })) {
            MvcResult result = mvc.perform(form(lang[0], "Here is my passport.")
                    .file(new MockMultipartFile("files", "report.pdf", "application/pdf", IntakeFixture.windowsExecutable()))).andReturn();
            assertThat(result.getResponse().getStatus()).isEqualTo(400);
            assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains(lang[1]).contains("report");
        }
        assertThat(count("case_file")).isEqualTo(cases);
        assertThat(count("case_document")).isEqualTo(documents);
    }

    @Test
    void tooManyFilesOrAFileAboveItsLimitAreRefused() throws Exception {
        long cases = count("case_file");
        MockMultipartHttpServletRequestBuilder six = form("en", "Six files");
        for (int i = 0; i < 6; i++) {
            six.file(new MockMultipartFile("files", "p" + i + ".png", "image/png", IntakeFixture.png(10, 10)));
        }
        MvcResult result = mvc.perform(six).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(result.getResponse().getContentAsString()).contains("Please send at most 5 files.");
        byte[] big = Arrays.copyOf(IntakeFixture.pdfWithAuthor("big"), 11 * 1024 * 1024);
        result = mvc.perform(form("ru", "Big file").file(new MockMultipartFile("files", "big.pdf", "application/pdf", big))).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("слишком большой");
        assertThat(count("case_file")).isEqualTo(cases);
    }

    @Test
    void withoutACsrfTokenTheFormIsRefused() throws Exception {
        long cases = count("case_file");
        MockMultipartHttpServletRequestBuilder request = multipart("/intake/" + org);
        request.param("message", "Help").param("consentProcessing", "true");
        assertThat(mvc.perform(request).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(count("case_file")).isEqualTo(cases);
    }
}
