package nl.haven.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import nl.haven.client.api.CaseApi;
import nl.haven.client.api.IntakeApi;
import nl.haven.client.api.ReferralApi;
import nl.haven.client.api.StatisticsApi;
import nl.haven.client.model.CaseText;
import nl.haven.client.model.CaseView;
import nl.haven.client.model.IntakeReceipt;
import nl.haven.client.model.IntakeSubmission;
import nl.haven.client.model.IntakeSubmissionContact;
import nl.haven.client.model.OpenRequest;
import nl.haven.client.model.Page;
import nl.haven.client.model.Referral;
import nl.haven.client.model.ReferralRequest;
import nl.haven.client.model.Requests;
import nl.haven.client.model.TaskRequest;
import nl.haven.client.model.TaskView;
import nl.haven.client.model.TextRequest;
import nl.haven.client.model.TransitionRequest;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A partner's system as it would be written (issue #21, point 3): the Java client that the build generates from the
 * committed OpenAPI document ({@code openapi-generator-maven-plugin}, java.net.http and Jackson) drives the main partner
 * flows over real HTTP with a staff API token. Where the document is wrong, the client breaks: a status, a field's type
 * or nullability, a media type or an operation that is not as documented fails here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiClientIT {
    @LocalServerPort
    int port;
    @Autowired
    IdentityManagement identity;

    StaffFixture partner;
    StaffFixture receiver;

    @BeforeEach
    void organisations() {
        partner = StaffFixture.create(identity, "partner");
        receiver = StaffFixture.create(identity, "receiver");
    }

    /** A client with no credentials (the public intake) or with the API token of a role. */
    ApiClient client(StaffFixture org, Role role) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + port);
        if (org != null) {
            String bearer = org.bearer(role);
            client.setRequestInterceptor(request -> request.header("Authorization", bearer));
        }
        return client;
    }

    @Test
    void aPartnerSystemSubmitsListsReadsWorksOnRefersAndCounts() throws Exception {
        // The public intake: no account, an Idempotency-Key, the body as its schema says.
        IntakeApi intake = new IntakeApi(client(null, null));
        IntakeSubmission submission = new IntakeSubmission().language(IntakeSubmission.LanguageEnum.EN).nationality("UG")
                .groups(List.of(IntakeSubmission.GroupsEnum.GAY)).message("I need advice about asylum.")
                .contact(new IntakeSubmissionContact().channel(IntakeSubmissionContact.ChannelEnum.NONE));
        String key = UUID.randomUUID().toString();
        IntakeReceipt receipt = intake.intakeSubmit(partner.slug(), key, submission, "en");
        assertThat(receipt.getReference()).isNotBlank();
        assertThat(receipt.getCodename()).isNotBlank();
        // The same key and body: the first answer again, not a second case.
        assertThat(intake.intakeSubmit(partner.slug(), key, submission, "en").getReference()).isEqualTo(receipt.getReference());

        CaseApi cases = new CaseApi(client(partner, Role.COORDINATOR));
        // The intake's case is in the queue; a case opened by the partner's system too.
        Page queue = cases.caseQueue(null, null, null, null, null, null, 0, 100, null);
        assertThat(queue.getItems()).extracting(item -> item.getReference()).contains(receipt.getReference());
        CaseView opened = cases.caseOpen(new OpenRequest().nationality("RU"), UUID.randomUUID().toString());
        assertThat(opened.getId()).isNotNull();
        Page after = cases.caseQueue(null, null, null, null, null, null, 0, 100, null);
        assertThat(after.getTotal()).isEqualTo(queue.getTotal() + 1);

        CaseView read = cases.caseGet(opened.getId());
        assertThat(read.getId()).isEqualTo(opened.getId());
        assertThat(read.getNationality()).isEqualTo("RU");

        CaseText note = cases.caseAddNote(opened.getId(), new TextRequest().body("Called back; prefers Signal."), UUID.randomUUID().toString());
        assertThat(note.getBody()).isEqualTo("Called back; prefers Signal.");
        assertThat(cases.caseNotes(opened.getId(), 0, 25)).extracting(CaseText::getBody).contains("Called back; prefers Signal.");

        LocalDate due = LocalDate.now().plusDays(7);
        TaskView task = cases.caseAddTask(opened.getId(), new TaskRequest().title("Book an interpreter").dueOn(due), UUID.randomUUID().toString());
        assertThat(task.getDueOn()).isEqualTo(due);
        assertThat(cases.caseTasks(opened.getId(), 0, 25)).extracting(TaskView::getTitle).contains("Book an interpreter");

        // A case changes only at the version read (If-Match, issue #21 point 6): its ETag is its version.
        CaseView moved = cases.caseTransition(opened.getId(), new TransitionRequest().to("TRIAGE").priority(1), "\"" + cases.caseGet(opened.getId()).getVersion() + "\"");
        assertThat(moved.getHandling()).isEqualTo(CaseView.HandlingEnum.TRIAGE);
        // A move the state does not allow: 409, a problem document the client reads as an error.
        assertThatThrownBy(() -> cases.caseTransition(opened.getId(), new TransitionRequest().to("REJECTED"), "\"" + moved.getVersion() + "\""))
                .isInstanceOf(ApiException.class).satisfies(e -> {
                    assertThat(((ApiException) e).getCode()).isEqualTo(409);
                    assertThat(((ApiException) e).getResponseBody()).contains("/problems/conflict");
                });

        ReferralApi referrals = new ReferralApi(client(partner, Role.COORDINATOR));
        Referral referral = referrals.referralRefer(opened.getId(), new ReferralRequest().toOrg(receiver.slug()).consent(true), UUID.randomUUID().toString());
        assertThat(referral.getToOrg()).isEqualTo(receiver.slug());
        assertThat(referrals.referralMade(0, 25)).extracting(Referral::getId).contains(referral.getId());

        StatisticsApi statistics = new StatisticsApi(client(partner, Role.ANALYST));
        Requests counts = statistics.statisticsRequests(null, "status");
        assertThat(counts.getBy()).isEqualTo("status");
        assertThat(counts.getCells()).isNotNull();
    }

    @Test
    void withoutATokenTheStaffApiAnswers401() {
        CaseApi cases = new CaseApi(client(null, null));
        assertThatThrownBy(() -> cases.caseGet(UUID.randomUUID())).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(401));
    }
}
