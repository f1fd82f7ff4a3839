package nl.haven.identity.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import nl.haven.identity.Role;
import nl.haven.shared.OrgId;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Clearly fictional demo organisations and users (every name says "Demo", every address is under
 * the reserved {@code .example} domain). Loading twice changes nothing.
 */
@Component
class DemoData {
    static final String DEMO_PASSWORD = "demo-only-not-secret";

    private record DemoOrg(String slug, String name, List<DemoUser> users) {
    }

    private record DemoUser(String email, String name, Role role) {
    }

    private static final List<DemoOrg> ORGS = List.of(
            new DemoOrg("demo-trans-network", "Demo Trans Network (fictional)", List.of(
                    new DemoUser("admin@trans-network.example", "Demo Admin", Role.ADMIN),
                    new DemoUser("intake@trans-network.example", "Demo Intake", Role.INTAKE),
                    new DemoUser("caseworker@trans-network.example", "Demo Caseworker", Role.CASEWORKER),
                    new DemoUser("coordinator@trans-network.example", "Demo Coordinator", Role.COORDINATOR),
                    new DemoUser("analyst@trans-network.example", "Demo Analyst", Role.ANALYST))),
            new DemoOrg("demo-asylum-support", "Demo LGBTI Asylum Support (fictional)", List.of(
                    new DemoUser("admin@asylum-support.example", "Demo Admin", Role.ADMIN),
                    new DemoUser("caseworker@asylum-support.example", "Demo Caseworker", Role.CASEWORKER))),
            new DemoOrg("demo-legal-aid", "Demo Legal Aid Office (fictional)", List.of(
                    new DemoUser("lawyer@legal-aid.example", "Demo Lawyer", Role.LAWYER))),
            new DemoOrg("demo-consultancy", "Demo Immigration Consultancy (fictional)", List.of(
                    new DemoUser("caseworker@consultancy.example", "Demo Consultant", Role.CASEWORKER))));

    private final OrganisationStore organisations;
    private final UserStore users;
    private final PasswordEncoder encoder;
    private final Clock clock;

    DemoData(OrganisationStore organisations, UserStore users, PasswordEncoder encoder, Clock clock) {
        this.organisations = organisations;
        this.users = users;
        this.encoder = encoder;
        this.clock = clock;
    }

    /** Loads what is missing and returns the lines to print: the log-ins. */
    @Transactional
    List<String> load() {
        List<String> lines = new ArrayList<>();
        lines.add("Demo data (fictional). Log in at /login with password '" + DEMO_PASSWORD + "' as:");
        String hash = null;
        for (DemoOrg org : ORGS) {
            OrgId id = organisations.bySlug(org.slug()).map(OrganisationStore.Organisation::id)
                    .orElseGet(() -> organisations.create(org.slug(), org.name(), clock.instant()));
            for (DemoUser user : org.users()) {
                if (!users.emailTaken(user.email())) {
                    if (hash == null) {
                        hash = encoder.encode(DEMO_PASSWORD);
                    }
                    users.create(id, user.email(), user.name(), user.role(), hash, clock.instant());
                }
                lines.add(String.format("  %-36s %-12s %s", user.email(), user.role(), org.slug()));
            }
        }
        return lines;
    }
}
