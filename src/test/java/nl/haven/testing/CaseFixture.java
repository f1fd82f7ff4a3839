package nl.haven.testing;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.internal.CaseWorkflow;
import nl.haven.cases.NewCase;
import nl.haven.cases.internal.CaseMoves;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.identity.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;

/**
 * Cases for a test, built the way staff build them: opened by the organisation's coordinator and moved through the real
 * transitions ({@link CaseMoves}), so that the timeline, the deadlines, the statistics' counts and the audit log are
 * what they would be — never by writing {@code case_file} rows in SQL. One per application context:
 * {@code CaseFixture.of(context)}.
 */
public final class CaseFixture {
    private final CaseOpening opening;
    private final CaseMoves moves;

    public CaseFixture(CaseOpening opening, CaseMoves moves) {
        this.opening = opening;
        this.moves = moves;
    }

    public static CaseFixture of(ApplicationContext context) {
        return new CaseFixture(context.getBean(CaseOpening.class), context.getBean(CaseMoves.class));
    }

    /** Details with a name, the groups and the facts, a request in English and nothing else. */
    public static CaseDetails details(List<String> groups, List<String> facts, Map<String, Object> routeProfile) {
        return new CaseDetails("Name", null, null, groups, facts, false, "request", "en", null, routeProfile);
    }

    /** A case opened by the organisation's coordinator, entered by staff. */
    public UUID open(StaffFixture org, String nationality, CaseDetails details) {
        return opening.open(org.member(Role.COORDINATOR), new NewCase(nationality, null, details, "STAFF")).id();
    }

    /** A case of a nationality with these groups, no facts and no route profile. */
    public UUID open(StaffFixture org, String nationality, String... groups) {
        return open(org, nationality, details(List.of(groups), List.of(), Map.of()));
    }

    /** One transition by the coordinator, as the case page's form makes it ({@code to}: a stage or a handling). */
    public void move(StaffFixture org, UUID caseId, String to, @Nullable LocalDate date) {
        moves.transition(org.member(Role.COORDINATOR), caseId, new CaseWorkflow.Request(to, date, null, null));
    }

    /** Closed by the coordinator: no longer open, so no review, no deadline and no open-case count. */
    public void close(StaffFixture org, UUID caseId) {
        move(org, caseId, "CLOSED", null);
    }

    /** Assigned by the coordinator to the organisation's member with this role. */
    public void assign(StaffFixture org, UUID caseId, Role role) {
        moves.assign(org.member(Role.COORDINATOR), caseId, org.ids().get(role).value());
    }
}
