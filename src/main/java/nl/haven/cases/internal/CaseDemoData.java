package nl.haven.cases.internal;

import nl.haven.protection.Protection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.NewCase;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.DemoDataLoaded;
import nl.haven.identity.OrganisationDirectory;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Clearly fictional demo cases for {@code ./haven serve --demo}: one case in every stage of the workflow at the demo
 * trans network, each person named "Demo …", so that the queue, the deadlines and the case page can be tried. Loaded
 * once: an organisation that already has cases gets none.
 */
@Component
class CaseDemoData {
    static final String ORG = "demo-trans-network";

    /** A demo person and the steps that bring their case to its stage. */
    private record Demo(String name, String pronouns, String nationality, List<String> groups, boolean mismatch, List<String[]> steps) {
    }

    private static String[] step(String to, String date, String track, Integer priority) {
        return new String[] { to, date, track, priority == null ? null : priority.toString() };
    }

    private static final List<String[]> ACCEPTED = List.of(step("TRIAGE", null, null, 2), step("ACCEPTED", null, null, null),
            step("PREPARING", null, null, null));
    private static final List<String[]> IN_PROCEDURE = concat(ACCEPTED, step("APPLIED", "2026-03-02", null, null),
            step("REST_AND_PREPARATION", null, null, null), step("GENERAL_PROCEDURE", null, null, null));

    @SafeVarargs
    private static <T> List<T> concat(List<T> head, T... tail) {
        List<T> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return List.copyOf(all);
    }

    private static final List<Demo> CASES = List.of(
            new Demo("Demo Alex", "they/them", "US", List.of("trans"), true, List.of()),
            new Demo("Demo Bo", "she/her", "US", List.of("trans"), true, List.<String[]>of(step("TRIAGE", null, null, 1))),
            new Demo("Demo Chris", "he/him", "RU", List.of("gay"), false, ACCEPTED),
            new Demo("Demo Dana", "she/her", "RU", List.of("lesbian"), false, concat(ACCEPTED, step("APPLIED", "2026-03-02", null, null))),
            new Demo("Demo Eli", "he/him", "IR", List.of("gay"), false, concat(ACCEPTED, step("APPLIED", "2026-04-01", null, null),
                    step("REST_AND_PREPARATION", null, null, null))),
            new Demo("Demo Farah", "she/her", "UG", List.of("lesbian"), false, IN_PROCEDURE),
            new Demo("Demo Gus", "he/him", "RU", List.of("gay"), false, concat(IN_PROCEDURE, step("EXTENDED_PROCEDURE", null, null, null))),
            new Demo("Demo Hana", "she/her", "IQ", List.of("trans"), false, concat(IN_PROCEDURE, step("EXTENDED_PROCEDURE", null, null, null),
                    step("INTENDED_DECISION", "2026-05-04", null, null))),
            new Demo("Demo Ivo", "he/him", "EG", List.of("gay"), false, concat(IN_PROCEDURE, step("GRANTED", "2026-04-20", null, null))),
            new Demo("Demo Jules", "they/them", "US", List.of("trans"), true, concat(IN_PROCEDURE, step("INTENDED_DECISION", "2026-03-20", null, null),
                    step("REJECTED", "2026-03-27", "general-procedure", null))),
            new Demo("Demo Kai", "he/him", "AF", List.of("gay"), false, concat(IN_PROCEDURE, step("INTENDED_DECISION", "2026-03-20", null, null),
                    step("REJECTED", "2026-03-27", "manifestly-unfounded", null), step("APPEAL", "2026-04-01", null, null))),
            new Demo("Demo Lina", "she/her", "SY", List.of("lesbian"), false, concat(IN_PROCEDURE,
                    step("INTENDED_DECISION", "2026-03-20", null, null), step("REJECTED", "2026-03-27", "general-procedure", null),
                    step("APPEAL", "2026-04-01", null, null), step("FURTHER_APPEAL", "2026-05-28", null, null))),
            new Demo("Demo Max", "he/him", "US", List.of("gay"), false, concat(ACCEPTED, step("REGULAR_APPLIED", "2026-02-10", null, null))),
            new Demo("Demo Noor", "she/her", "US", List.of("bisexual"), false, concat(ACCEPTED, step("REGULAR_APPLIED", "2026-01-12", null, null),
                    step("REGULAR_GRANTED", "2026-03-09", null, null))),
            new Demo("Demo Oak", "they/them", "US", List.of("trans"), true, concat(ACCEPTED, step("REGULAR_APPLIED", "2026-01-05", null, null),
                    step("REGULAR_REFUSED", "2026-02-16", null, null))),
            new Demo("Demo Pat", "she/her", "RU", List.of("trans"), false, List.<String[]>of(step("DECLINED", null, null, null))),
            new Demo("Demo Quinn", "they/them", "US", List.of("trans"), true, List.of(step("TRIAGE", null, null, 3), step("CLOSED", null, null, null))));

    private final CaseOpening opening;
    private final CaseMoves moves;
    private final CurrentStaff staff;
    private final OrganisationDirectory organisations;
    private final JdbcClient jdbc;
    private final Protection protection;

    CaseDemoData(CaseOpening opening, CaseMoves moves, CurrentStaff staff, OrganisationDirectory organisations, JdbcClient jdbc, Protection protection) {
        this.protection = protection;
        this.opening = opening;
        this.moves = moves;
        this.staff = staff;
        this.organisations = organisations;
        this.jdbc = jdbc;
    }

    @EventListener
    @Transactional
    void onDemoData(DemoDataLoaded loaded) {
        var org = organisations.bySlug(ORG).orElse(null);
        if (org == null || jdbc.sql("select count(*) from case_file where org_id = ?").param(org.id().value()).query(Long.class).single() > 0) {
            return;
        }
        if (!protection.mayOpenCaseKeys(org.id())) {
            // A sealed installation (ADR 0006 step 11), or the legacy opener off: the server holds no organisation's keys, so it
            // cannot write demo cases as a staff member would. The demo is for a fresh, unsealed installation.
            return;
        }
        List<StaffMember> members = staff.colleagues(org.id());
        StaffMember coordinator = members.stream().filter(m -> m.role() == Role.COORDINATOR).findFirst().orElse(null);
        StaffMember caseworker = members.stream().filter(m -> m.role() == Role.CASEWORKER).findFirst().orElse(null);
        if (coordinator == null || caseworker == null) {
            return;
        }
        for (Demo demo : CASES) {
            CaseDetails details = new CaseDetails(demo.name(), demo.pronouns(), demo.name() + " (legal name, fictional)", demo.groups(), List.of(),
                    demo.mismatch(), "A fictional request for the demo.", "en",
                    new CaseDetails.SafeContact("email", "demo@person.example", "weekdays", "Fictional: do not mention the organisation's name."),
                    Map.of());
            CaseView view = opening.open(coordinator, new NewCase(demo.nationality(), demo.nationality(), details, "STAFF"));
            moves.assign(coordinator, view.id(), caseworker.id().value());
            for (String[] s : demo.steps()) {
                moves.transition(coordinator, view.id(), new CaseWorkflow.Request(s[0], s[1] == null ? null : LocalDate.parse(s[1]), s[2],
                        s[3] == null ? null : Integer.valueOf(s[3])));
            }
        }
        loaded.lines().add("  " + CASES.size() + " fictional demo cases in every stage at " + ORG + " (assigned to its caseworker).");
    }
}
