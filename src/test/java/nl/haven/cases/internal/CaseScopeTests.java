package nl.haven.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which cases and referrals each role sees (SECURITY.md S1), by running {@link CaseScope}'s conditions with their
 * parameters against a small in-memory table: plain JDBC, no Spring, no migrations.
 */
class CaseScopeTests {

    static final UUID ORG = UUID.randomUUID();
    static final UUID OTHER_ORG = UUID.randomUUID();
    static final UUID ME = UUID.randomUUID();
    static final UUID COLLEAGUE = UUID.randomUUID();

    Connection db;

    @BeforeEach
    void cases() throws SQLException {
        db = DriverManager.getConnection("jdbc:h2:mem:scope-" + UUID.randomUUID());
        try (var statement = db.createStatement()) {
            statement.execute("create table kase (name varchar(40), org_id uuid, assignee_id uuid, handling varchar(20), erased_at timestamp)");
            statement.execute("create table referral (name varchar(40), from_org uuid, assignee_id uuid, handling varchar(20))");
        }
        kase("mine", ORG, ME, "ACTIVE", false);
        kase("colleague's", ORG, COLLEAGUE, "ACTIVE", false);
        kase("new, unassigned", ORG, null, "NEW", false);
        kase("triage, colleague's", ORG, COLLEAGUE, "TRIAGE", false);
        kase("mine, erased", ORG, ME, "ACTIVE", true);
        kase("elsewhere, same user id", OTHER_ORG, ME, "NEW", false);

        referral("referred, mine", ORG, ME, "ACTIVE");
        referral("referred, colleague's", ORG, COLLEAGUE, "ACTIVE");
        referral("referred from triage", ORG, COLLEAGUE, "TRIAGE");
        referral("referred by another organisation", OTHER_ORG, ME, "NEW");
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    void kase(String name, UUID org, UUID assignee, String handling, boolean erased) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(
                "insert into kase values (?, ?, ?, ?, " + (erased ? "current_timestamp" : "null") + ")")) {
            insert.setString(1, name);
            insert.setObject(2, org);
            insert.setObject(3, assignee);
            insert.setString(4, handling);
            insert.executeUpdate();
        }
    }

    void referral(String name, UUID org, UUID assignee, String handling) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("insert into referral values (?, ?, ?, ?)")) {
            insert.setString(1, name);
            insert.setObject(2, org);
            insert.setObject(3, assignee);
            insert.setString(4, handling);
            insert.executeUpdate();
        }
    }

    static CaseScope scope(Role role) {
        return CaseScope.of(new StaffMember(new UserId(ME), new OrgId(ORG), role, "Test"));
    }

    List<String> names(String sql, List<Object> parameters) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql + " order by name")) {
            assertThat(query.getParameterMetaData().getParameterCount()).as("placeholders = parameters").isEqualTo(parameters.size());
            for (int i = 0; i < parameters.size(); i++) {
                query.setObject(i + 1, parameters.get(i));
            }
            List<String> names = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }
    }

    List<String> cases(Role role) throws SQLException {
        CaseScope scope = scope(role);
        return names("select name from kase c where " + scope.condition(), scope.parameters());
    }

    List<String> referrals(Role role) throws SQLException {
        CaseScope scope = scope(role);
        return names("select name from referral r where " + scope.referralCondition(), scope.parameters());
    }

    @Test
    void theScopeIsTheStaffMembersOrganisationUserAndRole() {
        CaseScope scope = scope(Role.LAWYER);
        assertThat(scope).isEqualTo(new CaseScope(ORG, ME, Role.LAWYER));
    }

    @Test
    void aCoordinatorSeesEveryLiveCaseOfTheirOrganisation() throws SQLException {
        assertThat(cases(Role.COORDINATOR)).containsExactly("colleague's", "mine", "new, unassigned", "triage, colleague's");
    }

    @Test
    void caseworkersAndLawyersSeeTheCasesAssignedToThem() throws SQLException {
        assertThat(cases(Role.CASEWORKER)).containsExactly("mine");
        assertThat(cases(Role.LAWYER)).containsExactly("mine");
    }

    @Test
    void intakeStaffSeeNewAndTriageCasesAndTheirOwn() throws SQLException {
        assertThat(cases(Role.INTAKE)).containsExactly("mine", "new, unassigned", "triage, colleague's");
    }

    @Test
    void analystsAndAdministratorsSeeNoCase() throws SQLException {
        for (Role role : List.of(Role.ANALYST, Role.ADMIN)) {
            assertThat(scope(role).seesCases()).isFalse();
            assertThat(cases(role)).isEmpty();
            assertThat(referrals(role)).isEmpty();
        }
        for (Role role : List.of(Role.INTAKE, Role.CASEWORKER, Role.LAWYER, Role.COORDINATOR)) {
            assertThat(scope(role).seesCases()).as(role.name()).isTrue();
        }
    }

    @Test
    void anErasedCaseAndAnotherOrganisationsCaseAreNeverSeen() throws SQLException {
        for (Role role : Role.values()) {
            assertThat(cases(role)).as(role.name()).doesNotContain("mine, erased", "elsewhere, same user id");
        }
    }

    @Test
    void referralsAreSeenAsTheCaseWasWhenItWasReferred() throws SQLException {
        assertThat(referrals(Role.COORDINATOR)).containsExactly("referred from triage", "referred, colleague's", "referred, mine");
        assertThat(referrals(Role.CASEWORKER)).containsExactly("referred, mine");
        assertThat(referrals(Role.LAWYER)).containsExactly("referred, mine");
        assertThat(referrals(Role.INTAKE)).containsExactly("referred from triage", "referred, mine");
    }
}
