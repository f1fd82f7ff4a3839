package nl.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.CaseText;
import nl.haven.cases.NewCase;
import nl.haven.cases.RequesterCases;
import nl.haven.protection.FieldRef;
import nl.haven.protection.OpenedThread;
import nl.haven.protection.ProtectionException;
import nl.haven.protection.Protection;
import nl.haven.protection.ThreadSecret;
import nl.haven.cases.internal.CaseConversation;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

/** SECURITY.md S7: the thread by codename, a right and a wrong codename alike in status and shape, throttling per bucket. */
@SpringBootTest
@AutoConfigureMockMvc
class FollowUpIT {
    static final String REQUEST_TEXT = "ORIGINAL-REQUEST-TEXT my family must not know";
    @Autowired
    RequesterCases requesterCases;
    @Autowired
    Protection protection;
    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    CaseConversation caseConversation;
    @Autowired
    JdbcClient jdbc;

    StaffFixture staff;
    String codename;
    UUID caseId;

    @BeforeEach
    void aRequestWithAReply() throws Exception {
        staff = StaffFixture.create(identity, "follow");
        MvcResult created = mvc.perform(post("/api/v1/intake/" + staff.slug()).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .content("{\"language\": \"en\", \"message\": \"" + REQUEST_TEXT + "\"}")
                .with(r -> {
                    r.setRemoteAddr("192.0.2." + (1 + (int) (Math.random() * 200)));
                    return r;
                })).andReturn();
        var answer = JsonMapper.builder().build().readTree(created.getResponse().getContentAsString());
        codename = answer.path("codename").asString();
        caseId = jdbc.sql("select id from case_file where reference = ?").param(answer.path("reference").asString()).query(UUID.class).single();
        caseConversation.sendMessage(staff.member(Role.COORDINATOR), caseId, "We read your message. Can we call you on Tuesday?");
    }

    MvcResult followUp(String address, String lang, String... params) throws Exception {
        var request = post("/follow-up?lang=" + lang).with(csrf()).with(r -> {
            r.setRemoteAddr(address);
            return r;
        });
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request).andReturn();
    }

    static String html(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** The page without what differs by nature: the thread or the form inside the section, and the CSRF token. */
    static String skeleton(String html) {
        return html.replaceAll("(?s)<section class=\"intake\">.*</section>", "<section/>").replaceAll("value=\"[^\"]*\"", "");
    }

    @Test
    void theRightCodenameShowsRepliesButNeverTheOriginalRequest() throws Exception {
        MvcResult result = followUp(address(), "en", "codename", "  " + codename.toUpperCase().replace(" ", "  ") + " ", "action", "view");
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        String html = html(result);
        assertThat(html).contains("Can we call you on Tuesday?").doesNotContain(REQUEST_TEXT).contains("name=\"codename\" value=\"");
        assertThat(result.getRequest().getRequestURI() + "?" + result.getRequest().getQueryString()).doesNotContain(codename.split(" ")[0]);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'case.thread-read-by-requester' and subject_id = ?")
                .param(caseId.toString()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theRequesterCanAnswer() throws Exception {
        MvcResult result = followUp(address(), "nl", "codename", codename, "action", "reply", "message", "Ja, dinsdag na 18 uur.");
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(result)).contains("Ja, dinsdag na 18 uur.").contains("Uw bericht is verstuurd.");
        assertThat(caseConversation.messages(staff.member(Role.COORDINATOR), caseId)).extracting(CaseText::body)
                .contains("Ja, dinsdag na 18 uur.");
        MvcResult empty = followUp(address(), "en", "codename", codename, "action", "reply", "message", " ");
        assertThat(html(empty)).contains("Please write a message first.");
    }

    @Test
    void aWrongCodenameLooksLikeARightOneFromOutside() throws Exception {
        String wrongCodename = new Codenames().generate();
        MvcResult right = followUp(address(), "en", "codename", codename, "action", "view");
        MvcResult wrong = followUp(address(), "en", "codename", wrongCodename, "action", "view");
        assertThat(wrong.getResponse().getStatus()).isEqualTo(right.getResponse().getStatus()).isEqualTo(200);
        assertThat(new TreeSet<>(wrong.getResponse().getHeaderNames())).isEqualTo(new TreeSet<>(right.getResponse().getHeaderNames()));
        assertThat(wrong.getResponse().getContentType()).isEqualTo(right.getResponse().getContentType());
        assertThat(skeleton(html(wrong))).isEqualTo(skeleton(html(right)));
        assertThat(html(wrong)).contains("We could not open a request with this codename.").doesNotContain(wrongCodename);
        // No fast path for a miss: both pay the same Argon2id check (medians of 15 tries each, separate buckets).
        List<Long> rightTimes = new ArrayList<>();
        List<Long> wrongTimes = new ArrayList<>();
        Codenames generator = new Codenames();
        for (int i = 0; i < 15; i++) {
            String another = generator.generate();
            long t = System.nanoTime();
            followUp(address(), "en", "codename", codename, "action", "view");
            rightTimes.add(System.nanoTime() - t);
            t = System.nanoTime();
            followUp(address(), "en", "codename", another, "action", "view");
            wrongTimes.add(System.nanoTime() - t);
        }
        Collections.sort(rightTimes);
        Collections.sort(wrongTimes);
        long rightMedian = rightTimes.get(7);
        long wrongMedian = wrongTimes.get(7);
        System.out.printf("follow-up medians: right %.1f ms, wrong %.1f ms%n", rightMedian / 1e6, wrongMedian / 1e6);
        assertThat(wrongMedian).as("a wrong codename is answered neither much faster nor much slower than a right one")
                .isBetween(rightMedian / 2, rightMedian * 2);
    }

    @Test
    void moreThanTenFailuresAnHourFromOneBucketAreThrottledEvenForTheRightCodename() throws Exception {
        String address = address();
        for (int i = 0; i < 10; i++) {
            assertThat(followUp(address, "en", "codename", "wrong words " + i, "action", "view").getResponse().getStatus()).isEqualTo(200);
        }
        MvcResult throttled = followUp(address, "ru", "codename", codename, "action", "view");
        assertThat(throttled.getResponse().getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.getResponse().getHeader("Retry-After"))).isBetween(1L, 3600L);
        assertThat(html(throttled)).contains("Слишком много попыток").doesNotContain("Tuesday");
        // Another visitor is not affected.
        assertThat(html(followUp(address(), "en", "codename", codename, "action", "view"))).contains("Tuesday");
    }

    static String address() {
        return "198.18." + (int) (Math.random() * 250) + "." + (1 + (int) (Math.random() * 250));
    }

    /**
     * A case opened before thread keys (ADR 0006 step 8b) has none: a file its requester adds later goes under the case
     * key, and its row says so — a row marked "in the thread" must be under a thread key, or a thread key made later
     * (step 9) would be tried on it and fail.
     */
    @Test
    void aFileAddedLaterToACaseWithoutAThreadKeyIsUnderTheCaseKeyAndItsRowSaysSo() {
        StaffFixture staff = StaffFixture.create(identity, "no-thread-key");
        RequesterCases.Opened older = requesterCases.open(staff.org(), new NewCase("US", "US", CaseDetails.empty(), "INTAKE"));
        RequesterCases.Opened newer = requesterCases.open(staff.org(), new NewCase("US", "US", CaseDetails.empty(), "INTAKE"),
                ThreadSecret.ofCodename("seven words of a codename for this test"));
        for (RequesterCases.Opened opened : List.of(older, newer)) {
            requesterCases.attachLater(opened.id(), new RequesterCases.IntakeDocument("later.png", "image/png", IntakeFixture.png(8, 8)));
        }
        assertThat(jdbc.sql("select thread from case_document where case_id = ?").param(older.id().value()).query(Boolean.class).single()).isFalse();
        assertThat(jdbc.sql("select thread from case_document where case_id = ?").param(newer.id().value()).query(Boolean.class).single()).isTrue();
        for (RequesterCases.Opened opened : List.of(older, newer)) {
            boolean thread = opened == newer;
            byte[] name = jdbc.sql("select name from case_document where case_id = ?").param(opened.id().value()).query(byte[].class).single();
            assertThat(protection.decryptText(new FieldRef(staff.org(), opened.id(), "case_document", "name", thread), name)).isEqualTo("later.png");
        }
    }

    /**
     * ADR 0006 F.14: a case opened before thread keys gets one at its requester's next follow-up, while the case key
     * still opens (the legacy opener), and its messages move under it — so that after the cut-over the codename alone
     * still opens the thread.
     */
    @Test
    void aCaseOpenedBeforeThreadKeysGetsOneAtTheNextFollowUpAndItsThreadMovesUnderIt() {
        StaffFixture staff = StaffFixture.create(identity, "thread-later");
        RequesterCases.Opened older = requesterCases.open(staff.org(), new NewCase("US", "US", CaseDetails.empty(), "INTAKE"));
        requesterCases.reply(older.id(), "written before the thread key");
        FieldRef inThread = new FieldRef(staff.org(), older.id(), "case_message", "body", true);
        FieldRef underCaseKey = new FieldRef(staff.org(), older.id(), "case_message", "body", false);
        byte[] before = jdbc.sql("select body from case_message where case_id = ?").param(older.id().value()).query(byte[].class).single();
        assertThat(protection.decryptText(underCaseKey, before)).isEqualTo("written before the thread key");
        assertThat(jdbc.sql("select thread_org from case_key where case_id = ?").param(older.id().value())
                .query((rs, n) -> Optional.ofNullable(rs.getBytes(1))).single()).isEmpty();

        ThreadSecret secret = ThreadSecret.ofCodename("another seven words for the older case");
        try (OpenedThread thread = requesterCases.unlock(older.id(), secret)) {
            assertThat(thread.held()).isTrue();
            assertThat(requesterCases.thread(older.id())).extracting(CaseText::body).containsExactly("written before the thread key");
            requesterCases.reply(older.id(), "written after");
        }
        byte[] salt = jdbc.sql("select thread_salt from case_key where case_id = ?").param(older.id().value()).query(byte[].class).single();
        assertThat(salt).isNotNull();
        List<byte[]> stored = jdbc.sql("select body from case_message where case_id = ? order by created_at").param(older.id().value())
                .query(byte[].class).list();
        assertThat(stored).hasSize(2);
        for (byte[] body : stored) { // under the thread key now: the case key alone no longer opens them
            assertThatThrownBy(() -> protection.decrypt(underCaseKey, body)).isInstanceOf(ProtectionException.class);
        }
        try (OpenedThread again = requesterCases.unlock(older.id(), secret)) { // opened, not made again
            assertThat(again.held()).isTrue();
            assertThat(protection.decryptText(inThread, stored.get(0))).isEqualTo("written before the thread key");
            assertThat(protection.decryptText(inThread, stored.get(1))).isEqualTo("written after");
        }
        assertThat(jdbc.sql("select thread_salt from case_key where case_id = ?").param(older.id().value()).query(byte[].class).single()).isEqualTo(salt);
    }
}
