package nl.haven.cases.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.NewCase;
import nl.haven.cases.internal.CaseMoves;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.cases.internal.CaseReading;
import nl.haven.cases.internal.CaseWorkflow;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.StaffMember;
import nl.haven.shared.OrgId;
import nl.haven.testing.TotpCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue #19 point 11 on the case side, through the real log-in and security chain: GDPR erasure in the browser behind a
 * confirmation page of its own (point 5's "Erase") — a coordinator's step, 403 for others, the same 404 for another
 * organisation's case, CSRF, one audit event — the case filter of the audit-log viewer on the erased case, and the
 * referral partner chosen from a list of the other organisations.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CaseAdministrationPagesIT {
    static final String PASSWORD = "copper meadow lantern ninety";
    static final String NAME_USED = "Quillon Erasecanary";

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    CurrentStaff staff;
    @Autowired
    CaseOpening caseOpening;
    @Autowired
    CaseMoves caseMoves;
    @Autowired
    CaseReading caseReading;
    @Autowired
    JdbcClient jdbc;

    record Login(StaffMember member, String email, String secret) {
    }

    String slug;
    Login coordinator;
    Login caseworker;
    Login otherCoordinator;
    String otherSlug;

    @BeforeEach
    void organisations() {
        slug = org("Erasure Org");
        coordinator = user(slug, "COORDINATOR");
        caseworker = user(slug, "CASEWORKER");
        otherSlug = org("Partner Org");
        otherCoordinator = user(otherSlug, "COORDINATOR");
    }

    String org(String name) {
        String s = "admin-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation(name + " " + s, s);
        return s;
    }

    Login user(String orgSlug, String role) {
        String email = role.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(orgSlug, email, role, "Colleague " + role.toLowerCase(Locale.ROOT));
        identity.activate(invitation.token(), PASSWORD);
        IdentityManagement.Enrolment enrolment = identity.startEnrolment(invitation.user());
        identity.confirmEnrolment(invitation.user(), TotpCodes.fresh(enrolment.secret()));
        UUID org = jdbc.sql("select org_id from app_user where id = ?").param(invitation.user().value()).query(UUID.class).single();
        return new Login(staff.colleague(new OrgId(org), invitation.user()).orElseThrow(), email, enrolment.secret());
    }

    CasePagesIT.Session logIn(Login login) throws Exception {
        CasePagesIT.Session s = new CasePagesIT.Session();
        s.took(mvc.perform(get("/login").with(s)).andReturn().getResponse());
        s.took(mvc.perform(post("/login").with(s).param("username", login.email()).param("password", PASSWORD))
                .andExpect(redirectedUrlPattern("/mfa*")).andReturn().getResponse());
        s.took(mvc.perform(get("/mfa").with(s)).andExpect(status().isOk()).andReturn().getResponse());
        s.took(mvc.perform(post("/mfa").with(s).param("code", TotpCodes.fresh(login.secret()))).andExpect(redirectedUrlPattern("/staff*"))
                .andReturn().getResponse());
        s.took(mvc.perform(get("/staff").with(s)).andExpect(status().isOk()).andReturn().getResponse());
        return s;
    }

    UUID assignedCase() {
        StaffMember c = coordinator.member();
        UUID id = caseOpening.open(c, new NewCase("US", "US", new CaseDetails(NAME_USED, "they/them", null, List.of("trans"), List.of(), false,
                "my request", "en", null, Map.of()), "STAFF")).id();
        caseMoves.transition(c, id, new CaseWorkflow.Request("TRIAGE", null, null, 2));
        caseMoves.assign(c, id, caseworker.member().id().value());
        return id;
    }

    long lastEvent() {
        return jdbc.sql("select coalesce(max(seq), 0) from audit_event").query(Long.class).single();
    }

    List<String> eventsSince(long seq) {
        return jdbc.sql("select action from audit_event where seq > ? order by seq").param(seq).query(String.class).list();
    }

    boolean erased(UUID id) {
        return jdbc.sql("select erased_at is not null from case_file where id = ?").param(id).query(Boolean.class).single();
    }

    @Test
    void aCoordinatorErasesACaseAfterAConfirmationPageThatSaysWhatWillBeErased() throws Exception {
        UUID id = assignedCase();
        String reference = caseReading.get(coordinator.member(), id).reference();
        CasePagesIT.Session session = logIn(coordinator);
        String casePage = mvc.perform(get("/cases/" + id + "?lang=en").with(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(casePage).contains("id=\"erasure-link\"", "href=\"/cases/" + id + "/erasure?lang=en\"");

        long before = lastEvent();
        String confirm = mvc.perform(get("/cases/" + id + "/erasure?lang=en").with(session)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(confirm).contains("Erase everything about case " + reference + "?", "the name they use",
                "Also erased: 0 document(s), 0 internal note(s), 0 message(s) with the person and 0 task(s).", "keys are destroyed",
                "This cannot be undone", "action=\"/cases/" + id + "/erasure?lang=en\"", "name=\"confirmed\" value=\"true\"", "name=\"_csrf\"")
                .doesNotContain(NAME_USED);
        // A post without confirmed=true only shows the page again; nothing is erased.
        session.took(mvc.perform(post("/cases/" + id + "/erasure?lang=nl").with(session)).andExpect(status().isOk()).andReturn().getResponse());
        assertThat(erased(id)).isFalse();
        assertThat(eventsSince(before)).containsOnly("case.read");
        // A forged post (cookies, no token): refused.
        mvc.perform(post("/cases/" + id + "/erasure").with(session.cookiesOnly()).param("confirmed", "true")).andExpect(status().isForbidden());
        assertThat(erased(id)).isFalse();

        before = lastEvent();
        mvc.perform(post("/cases/" + id + "/erasure?lang=en").with(session).param("confirmed", "true"))
                .andExpect(redirectedUrlPattern("/cases?lang=en"));
        assertThat(erased(id)).isTrue();
        assertThat(eventsSince(before)).containsExactly("case.erased");
        assertThat(mvc.perform(get("/cases?lang=en").with(session)).andReturn().getResponse().getContentAsString())
                .contains("Everything about case " + reference + " is erased.");
        mvc.perform(get("/cases/" + id).with(session)).andExpect(status().isNotFound());

        // The audit-log viewer's case filter finds the erasure, with ids only.
        String audit = mvc.perform(get("/audit?lang=en&caseId=" + id).with(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(audit).contains("case.erased", "case.read", coordinator.member().id().value().toString()).doesNotContain(NAME_USED, reference);
        assertThat(mvc.perform(get("/audit?lang=en&caseId=" + UUID.randomUUID()).with(session)).andReturn().getResponse().getContentAsString())
                .contains("id=\"audit-none\"").doesNotContain("case.erased");
    }

    @Test
    void onlyACoordinatorOfTheCasesOrganisationErases() throws Exception {
        UUID id = assignedCase();
        CasePagesIT.Session worker = logIn(caseworker);
        String casePage = mvc.perform(get("/cases/" + id).with(worker)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(casePage).doesNotContain("erasure-link");
        mvc.perform(get("/cases/" + id + "/erasure").with(worker)).andExpect(status().isForbidden());
        mvc.perform(post("/cases/" + id + "/erasure").with(worker).param("confirmed", "true")).andExpect(status().isForbidden());

        CasePagesIT.Session other = logIn(otherCoordinator);
        String foreign = mvc.perform(get("/cases/" + id + "/erasure").with(other)).andExpect(status().isNotFound()).andReturn().getResponse()
                .getContentAsString();
        String none = mvc.perform(get("/cases/" + UUID.randomUUID() + "/erasure").with(other)).andExpect(status().isNotFound()).andReturn()
                .getResponse().getContentAsString();
        assertThat(foreign.replace(id.toString(), "ID")).isEqualTo(none.replaceAll("[0-9a-f-]{36}", "ID"));
        mvc.perform(post("/cases/" + id + "/erasure").with(other).param("confirmed", "true")).andExpect(status().isNotFound());
        assertThat(erased(id)).isFalse();
    }

    @Test
    void theReferralPartnerIsChosenFromTheOtherOrganisations() throws Exception {
        UUID id = assignedCase();
        CasePagesIT.Session session = logIn(coordinator);
        String casePage = mvc.perform(get("/cases/" + id + "?lang=en").with(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        String select = casePage.substring(casePage.indexOf("<select id=\"referral-toOrg\""));
        select = select.substring(0, select.indexOf("</select>"));
        assertThat(select).contains("<option value=\"\">Choose an organisation</option>", "value=\"" + otherSlug + "\"",
                "Partner Org " + otherSlug + " (" + otherSlug + ")").doesNotContain("value=\"" + slug + "\"");

        // Nothing chosen: the page again, the message at the field.
        String refused = mvc.perform(post("/cases/" + id + "/referrals?lang=en").with(session).param("toOrg", "").param("consent", "true"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"referral-toOrg-error\"");
        // A partner chosen: the confirmation page names it.
        String confirm = mvc.perform(post("/cases/" + id + "/referrals?lang=en").with(session).param("toOrg", otherSlug).param("consent", "true"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(confirm).contains("Partner Org " + otherSlug, "name=\"toOrg\" value=\"" + otherSlug + "\"");
    }
}
