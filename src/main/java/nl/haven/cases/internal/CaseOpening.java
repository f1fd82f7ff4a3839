package nl.haven.cases.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import nl.haven.cases.CaseProfileChanged;
import nl.haven.cases.Handling;
import nl.haven.cases.NewCase;
import nl.haven.cases.Stage;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.protection.Protection;
import nl.haven.protection.ThreadSecret;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opening a case: by a staff member, or from the public intake ({@link RequesterSide}); each gets a fresh reference. */
@Service
public class CaseOpening {
    private static final char[] REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray(); // Crockford base32
    private final SecureRandom random = new SecureRandom();

    private final CaseStore store;
    private final CaseRecordStore records;
    private final CaseAccess access;
    private final CaseInput input;
    private final Protection protection;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CaseOpening(CaseStore store, CaseRecordStore records, CaseAccess access, CaseInput input, Protection protection, ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.records = records;
        this.access = access;
        this.input = input;
        this.protection = protection;
        this.events = events;
        this.clock = clock;
    }

    /** The case a staff member opens; it is assigned to them unless they are a coordinator or intake. */
    @Transactional
    public CaseView open(StaffMember who, NewCase request) {
        CaseAccess.requireCaseAccess(who);
        UUID assignee = who.role() == Role.CASEWORKER || who.role() == Role.LAWYER ? who.id().value() : null;
        CaseRow row = insert(who.org(), request, assignee, who.id().value());
        access.audit(who, CaseEventType.OPENED, row.id());
        return row.view(access.details(row));
    }

    /** Checks and stores a new case in handling NEW, with its key, its first timeline event and its statistics. */
    CaseRow insert(OrgId org, NewCase request, @Nullable UUID assignee, @Nullable UUID actor) {
        return insert(org, request, assignee, actor, null);
    }

    /** As above; with the requester's secret, the case gets a thread key that secret opens (ADR 0006 C.6). */
    CaseRow insert(OrgId org, NewCase request, @Nullable UUID assignee, @Nullable UUID actor, @Nullable ThreadSecret thread) {
        String nationality = CaseInput.country("nationality", request.nationality());
        String residence = CaseInput.country("countryOfResidence", request.countryOfResidence());
        input.validate(request.details());
        UUID id = UUID.randomUUID();
        protection.newCase(org, new CaseId(id), thread);
        Instant now = clock.instant();
        byte[] details = access.encryptDetails(org, id, request.details());
        CaseRow row = new CaseRow(id, org.value(), newReference(), Handling.NEW, Stage.NONE, null, null, assignee, nationality, residence,
                request.source(), null, now, now, 0, details);
        store.insert(row);
        records.event(id, org.value(), now, actor, CaseEventType.OPENED, null, Handling.NEW.name(), null);
        events.publishEvent(new CaseProfileChanged(null, row.profile(request.details()), now));
        return row;
    }

    private String newReference() {
        for (int attempt = 0; attempt < 10; attempt++) {
            StringBuilder reference = new StringBuilder("HV-");
            for (int i = 0; i < 8; i++) {
                reference.append(REFERENCE_ALPHABET[random.nextInt(REFERENCE_ALPHABET.length)]);
            }
            if (!store.referenceTaken(reference.toString())) {
                return reference.toString();
            }
        }
        throw new IllegalStateException("no free case reference after 10 attempts");
    }
}
