package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.Cookie;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.haven.cases.internal.DueTomorrowMail;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.identity.StaffNotices;
import nl.haven.testing.StaffFixture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #19 point 3 against a real SMTP server in the JVM (GreenMail): a new request, a reply from the person, deadlines
 * due tomorrow and a policy-review summary each send a content-free mail to the right staff, with the count and the staff
 * home's link, and none of the case content this test put into the case (name, nationality, group, request, contact,
 * reply, note, message to the person, task title, reference, case id, codename) in the subject, headers or body, sent
 * at once or, for who chose it on their account page, in one daily digest with every kind's latest counts, once.
 */
@SpringBootTest(properties = { "haven.identity.public-url=https://haven.example.test/", "haven.mail.from=haven@example.test" })
@AutoConfigureMockMvc
class StaffMailIT {
    static final String NAME = "Zyx Testperson";
    static final String MESSAGE = "Qwv-secret: my uncle in Grozny must not know about Zyx";
    static final String CONTACT = "+7 900 555 12 34";
    static final String REPLY = "Jkp-reply: Tuesday after six works for me";
    static final String NOTE = "Wnq-note: partner Lvx works at the consulate";
    static final String STAFF_MESSAGE = "Ghm-message: bring the letter from Dr. Pqz";
    static final String TASK_TITLE = "Rtd-task: call the shelter in Vlissingen";
    static final String STAFF_HOME = "https://haven.example.test/staff";
    static final LocalDate FAR_AWAY = LocalDate.of(2098, 1, 1);

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    StaffNotices notices;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DueTomorrowMail dueTomorrow;
    @Autowired
    MailNotifier notifier;
    @Autowired
    JavaMailSender mailSender;
    @Autowired
    UserStore users;

    StaffFixture staff;
    /** Everything about the person this test put in, and the identifiers Haven gave the case. */
    List<String> content;

    @BeforeEach
    void freshOrganisation() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        staff = StaffFixture.create(identity, "mail");
        // The group and the nationality as code, English and Dutch word (the two-letter code is checked on its own below).
        content = new ArrayList<>(List.of(NAME, "Zyx", "Testperson", MESSAGE, "Grozny", CONTACT, "900 555", REPLY, "Chechnya", "lesbian",
                "lesbisch", "Russia", "Rusland", NOTE, "Lvx", STAFF_MESSAGE, "Pqz", TASK_TITLE, "Vlissingen"));
    }

    @Test
    void aNewRequestTellsIntakeAndCoordinatorsHowManyAreWaitingAndNothingElse() throws Exception {
        submit();
        List<MimeMessage> first = receive(2);
        assertThat(recipients(first)).containsExactlyInAnyOrder(staff.emails().get(Role.INTAKE), staff.emails().get(Role.COORDINATOR));
        for (MimeMessage mail : first) {
            assertContentFree(mail);
            assertThat(body(mail)).contains("New requests waiting for triage in your organisation: 1.").contains(STAFF_HOME);
            assertThat(mail.getSubject()).isEqualTo("Haven: work is waiting for you");
            assertThat(mail.getFrom()[0].toString()).isEqualTo("haven@example.test");
        }
        smtp.purgeEmailFromAllMailboxes();
        submit();
        List<MimeMessage> second = receive(2);
        for (MimeMessage mail : second) {
            assertContentFree(mail);
            assertThat(body(mail)).contains("New requests waiting for triage in your organisation: 2.");
        }
    }

    @Test
    void aReplyFromThePersonTellsTheAssigneeOnly() throws Exception {
        Submitted request = submit();
        receive(2);
        smtp.purgeEmailFromAllMailboxes();
        jdbc.sql("update case_file set assignee_id = ? where id = ?").params(staff.ids().get(Role.CASEWORKER).value(), request.caseId()).update();
        fill(request, FAR_AWAY);
        reply(request);
        List<MimeMessage> mails = receive(1);
        assertThat(recipients(mails)).containsExactly(staff.emails().get(Role.CASEWORKER));
        assertContentFree(mails.get(0));
        assertThat(body(mails.get(0))).contains("Your cases with a reply from the person that awaits an answer: 1.").contains(STAFF_HOME);
        assertNothingMore(1);
    }

    @Test
    void aPolicyReviewSummaryGoesToTheCoordinatorsOnceWithItsCounts() throws Exception {
        // A case with everything in it, as the policy review's cases would have (the summary is posted as ImpactLedger posts it).
        Submitted request = submit();
        fill(request, FAR_AWAY);
        reply(request);
        receive(2);
        smtp.purgeEmailFromAllMailboxes();
        String key = "policy:test-" + UUID.randomUUID();
        assertThat(notices.post(staff.org(), key, Role.COORDINATOR, StaffNotices.POLICY_CHANGED, null, 3, 2)).isTrue();
        List<MimeMessage> mails = receive(1);
        assertThat(recipients(mails)).containsExactly(staff.emails().get(Role.COORDINATOR));
        assertContentFree(mails.get(0));
        assertThat(body(mails.get(0))).contains("open cases of your organisation that need a review: 3, of them not assigned to anyone: 2.")
                .contains(STAFF_HOME);
        // The same summary again (another node, a restart) is not posted and not sent.
        assertThat(notices.post(staff.org(), key, Role.COORDINATOR, StaffNotices.POLICY_CHANGED, null, 3, 2)).isFalse();
        assertNothingMore(1);
    }

    @Test
    void deadlinesDueTomorrowTellEachAssigneeHowManyOncePerDay() throws Exception {
        Submitted request = submit();
        receive(2);
        smtp.purgeEmailFromAllMailboxes();
        LocalDate day = LocalDate.of(2099, 6, 15);
        jdbc.sql("update case_file set assignee_id = ? where id = ?").params(staff.ids().get(Role.CASEWORKER).value(), request.caseId()).update();
        fill(request, day); // one of the caseworker's two, with a title, a note and a message to the person beside it
        task(request.caseId(), day, null, false);
        task(request.caseId(), day, staff.ids().get(Role.LAWYER).value(), false);
        task(request.caseId(), day, null, true);
        task(request.caseId(), day.plusDays(1), null, false);
        assertThat(dueTomorrow.send(day)).isEqualTo(2);
        List<MimeMessage> mails = receive(2);
        assertThat(recipients(mails)).containsExactlyInAnyOrder(staff.emails().get(Role.CASEWORKER), staff.emails().get(Role.LAWYER));
        for (MimeMessage mail : mails) {
            assertContentFree(mail);
            String expected = mail.getAllRecipients()[0].toString().equals(staff.emails().get(Role.CASEWORKER)) ? "2" : "1";
            assertThat(body(mail)).contains("Deadlines and tasks due tomorrow in your cases: " + expected + ".").contains(STAFF_HOME);
        }
        // Another node, or a restart the same morning, sends nothing more.
        assertThat(dueTomorrow.send(day)).isZero();
        assertNothingMore(2);
    }

    void task(UUID caseId, LocalDate due, @Nullable UUID assignee, boolean done) {
        jdbc.sql("insert into case_task (id, case_id, org_id, kind, term_id, title, due_on, assignee_id, created_at, done_at) "
                + "values (?, ?, ?, 'DEADLINE', 'appeal', null, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), caseId, staff.org().value(), due, assignee, OffsetDateTime.now(ZoneOffset.UTC),
                        done ? OffsetDateTime.now(ZoneOffset.UTC) : null)
                .update();
    }

    @Test
    void aDigestReaderChoosesOnTheAccountPageAndGetsOneMailInTheMorningInstead() throws Exception {
        LogInFixture logIns = new LogInFixture(identity, mvc, jdbc);
        String slug = logIns.newOrg();
        LogInFixture.Staff intake = logIns.staff(slug, "INTAKE");
        LogInFixture.Staff coordinator = logIns.staff(slug, "COORDINATOR");
        Cookie session = logIns.logIn(intake);
        String page = mvc.perform(get("/account/notifications").cookie(session)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"delivery-immediate\"").containsPattern("id=\"delivery-immediate\"[^>]*checked").doesNotContain("id=\"mail-off\"");
        MvcResult chosen = mvc.perform(post("/account/notifications").cookie(session).with(csrf()).param("delivery", "digest")).andReturn();
        assertThat(chosen.getResponse().getStatus()).isEqualTo(302);
        assertThat(mvc.perform(get("/account/notifications").cookie(session)).andReturn().getResponse().getContentAsString())
                .containsPattern("id=\"delivery-digest\"[^>]*checked");

        submit(slug);
        submit(slug);
        List<MimeMessage> immediate = receive(2);
        assertThat(recipients(immediate)).containsExactly(coordinator.email(), coordinator.email());
        assertNothingMore(2);
        smtp.purgeEmailFromAllMailboxes();

        assertThat(notifier.sendDigests(mailSender)).isEqualTo(1);
        List<MimeMessage> digest = receive(1);
        assertThat(recipients(digest)).containsExactly(intake.email());
        assertContentFree(digest.get(0));
        assertThat(body(digest.get(0))).contains("New requests waiting for triage in your organisation: 2.").contains(STAFF_HOME);
        // Sent once: the next morning has nothing for them.
        assertThat(notifier.sendDigests(mailSender)).isZero();
        assertNothingMore(1);
    }

    @Test
    void anotherNoticeIsNotMailed() throws Exception {
        assertThat(notices.post(staff.org(), "other:" + UUID.randomUUID(), Role.COORDINATOR, "staff.notices", null, 1, 0)).isTrue();
        assertNothingMore(0);
    }

    @Test
    void everyKindOfNotificationReachesADigestReaderInOneMailWithoutAnyOfTheCaseContent() throws Exception {
        users.setMailDigest(staff.ids().get(Role.CASEWORKER), true);
        users.setMailDigest(staff.ids().get(Role.COORDINATOR), true);
        Submitted request = submit();
        assertThat(recipients(receive(1))).as("intake reads at once, the coordinator waits for the digest")
                .containsExactly(staff.emails().get(Role.INTAKE));
        jdbc.sql("update case_file set assignee_id = ? where id = ?").params(staff.ids().get(Role.CASEWORKER).value(), request.caseId()).update();
        LocalDate day = LocalDate.of(2099, 7, 20);
        fill(request, day);
        reply(request);
        assertThat(dueTomorrow.send(day)).isEqualTo(1);
        assertThat(notices.post(staff.org(), "policy:" + UUID.randomUUID(), Role.COORDINATOR, StaffNotices.POLICY_CHANGED, null, 1, 0)).isTrue();
        assertNothingMore(1);
        smtp.purgeEmailFromAllMailboxes();
        assertThat(notifier.sendDigests(mailSender)).isEqualTo(2);
        List<MimeMessage> digests = receive(2);
        assertThat(recipients(digests)).containsExactlyInAnyOrder(staff.emails().get(Role.CASEWORKER), staff.emails().get(Role.COORDINATOR));
        for (MimeMessage mail : digests) {
            assertContentFree(mail);
            if (mail.getAllRecipients()[0].toString().equals(staff.emails().get(Role.CASEWORKER))) {
                assertThat(body(mail)).contains("Your cases with a reply from the person that awaits an answer: 1.",
                        "Deadlines and tasks due tomorrow in your cases: 1.", STAFF_HOME);
            } else {
                assertThat(body(mail)).contains("New requests waiting for triage in your organisation: 1.",
                        "open cases of your organisation that need a review: 1, of them not assigned to anyone: 0.", STAFF_HOME);
            }
        }
    }

    record Submitted(UUID caseId, String reference, String codename) {
    }

    /** The rest of the case content through the staff API: a note, a message to the person, a titled task due on {@code due}. */
    void fill(Submitted request, LocalDate due) throws Exception {
        String base = "/api/v1/cases/" + request.caseId();
        for (String[] part : new String[][] { { "/notes", "{\"body\": \"" + NOTE + "\"}" }, { "/messages", "{\"body\": \"" + STAFF_MESSAGE + "\"}" },
                { "/tasks", "{\"title\": \"" + TASK_TITLE + "\", \"dueOn\": \"" + due + "\"}" } }) {
            MvcResult added = mvc.perform(post(base + part[0]).header("Authorization", staff.bearer(Role.COORDINATOR))
                    .contentType(MediaType.APPLICATION_JSON).content(part[1])).andReturn();
            assertThat(added.getResponse().getStatus()).as(part[0] + ": " + added.getResponse().getContentAsString()).isEqualTo(201);
        }
    }

    void reply(Submitted request) throws Exception {
        MvcResult replied = mvc.perform(post("/follow-up?lang=en").with(csrf()).with(r -> {
            r.setRemoteAddr("198.18.7." + (1 + (int) (Math.random() * 250)));
            return r;
        }).param("codename", request.codename()).param("action", "reply").param("message", REPLY)).andReturn();
        assertThat(replied.getResponse().getStatus()).isEqualTo(200);
    }

    Submitted submit() throws Exception {
        return submit(staff.slug());
    }

    Submitted submit(String slug) throws Exception {
        MvcResult created = mvc.perform(post("/api/v1/intake/" + slug).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .content("""
                        {"language": "en", "nationality": "RU", "countryOfResidence": "RU", "nameUsed": "%s", "groups": ["lesbian"],
                         "message": "%s", "contact": {"channel": "signal", "value": "%s"}}""".formatted(NAME, MESSAGE, CONTACT))
                .with(r -> {
                    r.setRemoteAddr("192.0.2." + (1 + (int) (Math.random() * 200)));
                    return r;
                })).andReturn();
        assertThat(created.getResponse().getStatus()).as(created.getResponse().getContentAsString()).isEqualTo(201);
        JsonNode answer = JsonMapper.builder().build().readTree(created.getResponse().getContentAsString());
        String reference = answer.path("reference").asString();
        String codename = answer.path("codename").asString();
        UUID caseId = jdbc.sql("select id from case_file where reference = ?").param(reference).query(UUID.class).single();
        content.addAll(List.of(reference, reference.replace("HV-", ""), caseId.toString(), codename));
        return new Submitted(caseId, reference, codename);
    }

    static List<MimeMessage> receive(int count) {
        assertThat(smtp.waitForIncomingEmail(15_000, count)).as("%d mail(s) arrive", count).isTrue();
        return List.of(smtp.getReceivedMessages());
    }

    /** Nothing beyond {@code count} arrives in a while (the mail is sent on a thread of its own). */
    static void assertNothingMore(int count) throws InterruptedException {
        Thread.sleep(1_500);
        assertThat(smtp.getReceivedMessages()).hasSize(count);
    }

    static List<String> recipients(List<MimeMessage> mails) throws Exception {
        List<String> to = new ArrayList<>();
        for (MimeMessage mail : mails) {
            for (Address address : mail.getAllRecipients()) {
                to.add(address.toString());
            }
        }
        return to;
    }

    static String body(MimeMessage mail) throws Exception {
        return String.valueOf(mail.getContent());
    }

    /** Neither the raw message (headers and encoded body) nor the decoded subject and body hold any of the case content. */
    void assertContentFree(MimeMessage mail) throws Exception {
        StringBuilder headers = new StringBuilder();
        for (Header header : Collections.list(mail.getAllHeaders())) {
            headers.append(header.getName()).append(": ").append(header.getValue()).append('\n');
        }
        String decoded = mail.getSubject() + "\n" + headers + "\n" + body(mail);
        String raw = GreenMailUtil.getWholeMessage(mail);
        for (String piece : content) {
            assertThat(decoded).doesNotContainIgnoringCase(piece);
            assertThat(raw).doesNotContainIgnoringCase(piece);
        }
        String readable = (mail.getSubject() + "\n" + body(mail)).toLowerCase(Locale.ROOT);
        assertThat(readable).doesNotContain("lesbian").doesNotContain("russia").doesNotContain("signal");
        assertThat(Pattern.compile("\\bRU\\b").matcher(mail.getSubject() + "\n" + body(mail)).find()).as("no nationality code").isFalse();
        assertThat(Pattern.compile("HV-\\d{4}-").matcher(raw).find()).as("no case reference").isFalse();
    }
}
