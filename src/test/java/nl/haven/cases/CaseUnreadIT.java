package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.haven.cases.internal.CaseConversation;
import nl.haven.cases.internal.CaseFilter;
import nl.haven.cases.internal.CaseGdpr;
import nl.haven.cases.internal.CaseMoves;
import nl.haven.cases.internal.CaseQueue;
import nl.haven.cases.internal.CaseReferrals;
import nl.haven.cases.internal.CaseSummary;
import nl.haven.cases.internal.CaseWorkflow;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.shared.CaseId;
import nl.haven.testing.CaseFixture;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #19, points 1 and 2: "unread" is per staff member (V24 {@code case_read}). A reply from the person makes the
 * case unread for its caseworker and for the coordinator, on the agenda ({@code GET /api/v1/agenda}'s
 * {@code unreadReplies}) and in the queue ({@code unread} of {@code GET /api/v1/cases}); opening the case page clears
 * it for the one who opened it only; a new reply makes it unread again; the staff member's own answer clears it for
 * them. "Reply waiting" (the person wrote last) stays its own thing. Erasure and a referral leave no read state behind.
 * {@link CaseUnreadPostgresIT} runs the same on PostgreSQL.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CaseUnreadIT {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    ApplicationContext context;
    @Autowired
    CaseMoves moves;
    @Autowired
    CaseConversation conversation;
    @Autowired
    CaseQueue queue;
    @Autowired
    CaseGdpr gdpr;
    @Autowired
    CaseReferrals referrals;
    @Autowired
    RequesterCases requester;
    @Autowired
    JdbcClient jdbc;

    StaffFixture org;
    UUID caseId;

    @BeforeEach
    void aCaseOfTheCaseworker() {
        org = StaffFixture.create(identity, "unread");
        CaseFixture cases = CaseFixture.of(context);
        caseId = cases.open(org, "US", "trans");
        moves.transition(org.member(Role.COORDINATOR), caseId, new CaseWorkflow.Request("TRIAGE", null, null, 2));
        cases.assign(org, caseId, Role.CASEWORKER);
    }

    List<String> unreadOnTheAgenda(Role role) throws Exception {
        String body = mvc.perform(get("/api/v1/agenda").header("Authorization", org.bearer(role)).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<String> ids = new ArrayList<>();
        JSON.readTree(body).get("unreadReplies").forEach(item -> ids.add(item.get("caseId").asString()));
        return ids;
    }

    /** The queue's row of the case, through the API: its {@code unread} and {@code replyWaiting}. */
    JsonNode queueRow(Role role) throws Exception {
        String body = mvc.perform(get("/api/v1/cases").header("Authorization", org.bearer(role)).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        for (JsonNode item : JSON.readTree(body).get("items")) {
            if (item.get("id").asString().equals(caseId.toString())) {
                return item;
            }
        }
        throw new AssertionError("the case is not in the " + role + "'s queue");
    }

    boolean unreadFor(Role role) throws Exception {
        boolean onTheAgenda = unreadOnTheAgenda(role).contains(caseId.toString());
        boolean inTheQueue = queueRow(role).get("unread").asBoolean();
        assertThat(inTheQueue).as("queue and agenda agree for %s", role).isEqualTo(onTheAgenda);
        return onTheAgenda;
    }

    /** Opens the case page as a signed-in staff member would. */
    String openCasePage(Role role) throws Exception {
        return mvc.perform(get("/cases/" + caseId).with(authentication(UsernamePasswordAuthenticationToken.authenticated(org.emails().get(role), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role), new SimpleGrantedAuthority("FACTOR_TOTP"))))).accept("text/html"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    long readRows() {
        return jdbc.sql("select count(*) from case_read where case_id = ?").param(caseId).query(Long.class).single();
    }

    @Test
    void aReplyIsUnreadForEachUntilTheyOpenTheCaseAndANewReplyMakesItUnreadAgain() throws Exception {
        assertThat(unreadFor(Role.CASEWORKER)).as("no message yet").isFalse();
        assertThat(unreadFor(Role.COORDINATOR)).isFalse();

        requester.reply(new CaseId(caseId), "First question");
        assertThat(unreadFor(Role.CASEWORKER)).as("caseworker after a reply").isTrue();
        assertThat(unreadFor(Role.COORDINATOR)).as("coordinator after a reply").isTrue();

        // The caseworker opens the case: read for them, still unread for the coordinator.
        assertThat(openCasePage(Role.CASEWORKER)).contains("First question");
        assertThat(unreadFor(Role.CASEWORKER)).as("caseworker after opening").isFalse();
        assertThat(unreadFor(Role.COORDINATOR)).as("coordinator after the caseworker opened it").isTrue();
        // Nobody answered yet: the person still waits, whoever has read it.
        assertThat(queueRow(Role.CASEWORKER).get("replyWaiting").asBoolean()).isTrue();

        // The coordinator opens it too; opening it twice changes nothing.
        openCasePage(Role.COORDINATOR);
        openCasePage(Role.COORDINATOR);
        assertThat(unreadFor(Role.COORDINATOR)).as("coordinator after opening").isFalse();
        assertThat(unreadFor(Role.CASEWORKER)).isFalse();

        // A new reply: unread again for both.
        requester.reply(new CaseId(caseId), "Second question");
        assertThat(unreadFor(Role.CASEWORKER)).as("caseworker after a new reply").isTrue();
        assertThat(unreadFor(Role.COORDINATOR)).as("coordinator after a new reply").isTrue();

        // The caseworker answers: read for them (they answered what they saw), not for the coordinator; nothing waits.
        conversation.sendMessage(org.member(Role.CASEWORKER), caseId, "We will call you.");
        assertThat(unreadFor(Role.CASEWORKER)).as("caseworker after answering").isFalse();
        assertThat(unreadFor(Role.COORDINATOR)).as("coordinator after the caseworker answered").isTrue();
        assertThat(queueRow(Role.COORDINATOR).get("replyWaiting").asBoolean()).isFalse();

        // Reading the thread through the API counts as reading it.
        conversation.messages(org.member(Role.COORDINATOR), caseId);
        assertThat(unreadFor(Role.COORDINATOR)).isFalse();
    }

    @Test
    void theQueuePageMarksUnreadPerViewerAndReplyWaitingOnceRead() throws Exception {
        requester.reply(new CaseId(caseId), "Are you there?");
        openCasePage(Role.CASEWORKER);
        String coordinators = queuePage(Role.COORDINATOR);
        assertThat(row(coordinators, caseId)).contains("marker-unread", ">Unread<").doesNotContain("marker-reply-waiting");
        String caseworkers = queuePage(Role.CASEWORKER);
        assertThat(row(caseworkers, caseId)).contains("marker-reply-waiting", ">Reply waiting<").doesNotContain("marker-unread");
        assertThat(row(queuePage(Role.COORDINATOR, "nl"), caseId)).contains(">Ongelezen<");
    }

    String queuePage(Role role) throws Exception {
        return queuePage(role, "en");
    }

    String queuePage(Role role, String lang) throws Exception {
        return mvc.perform(get("/cases?lang=" + lang).with(authentication(UsernamePasswordAuthenticationToken.authenticated(org.emails().get(role),
                null, List.of(new SimpleGrantedAuthority("ROLE_" + role), new SimpleGrantedAuthority("FACTOR_TOTP"))))).accept("text/html"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    static String row(String page, UUID id) {
        int start = page.indexOf("id=\"case-" + id + "\"");
        assertThat(start).as("row of %s", id).isPositive();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    @Test
    void erasureDeletesTheReadState() throws Exception {
        requester.reply(new CaseId(caseId), "Please erase me");
        openCasePage(Role.CASEWORKER);
        assertThat(readRows()).isEqualTo(1);
        gdpr.erase(org.member(Role.COORDINATOR), caseId);
        assertThat(readRows()).isZero();
    }

    @Test
    void aReferralLeavesNoReadStateAndIsUnreadForTheReceivingOrganisation() throws Exception {
        StaffFixture receiver = StaffFixture.create(identity, "unread-to");
        requester.reply(new CaseId(caseId), "Refer me");
        openCasePage(Role.CASEWORKER);
        openCasePage(Role.COORDINATOR);
        assertThat(readRows()).isEqualTo(2);
        referrals.refer(org.member(Role.COORDINATOR), caseId, receiver.slug(), true, false);
        assertThat(readRows()).isZero();
        Map<UUID, Boolean> theirs = queue.queue(receiver.member(Role.COORDINATOR), CaseFilter.firstPage()).rows().stream()
                .collect(Collectors.toMap(CaseSummary::id, CaseSummary::unread));
        assertThat(theirs).containsEntry(caseId, true);
    }
}
