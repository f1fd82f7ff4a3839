package nl.haven.cases.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.CaseProfileChanged;
import nl.haven.identity.StaffMember;
import nl.haven.shared.IfMatch;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changing what a case records about the person: their details, nationality and country of residence. */
@Service
public class CaseEditing {
    private final CaseStore store;
    private final CaseRecordStore records;
    private final CaseAccess access;
    private final CaseInput input;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CaseEditing(CaseStore store, CaseRecordStore records, CaseAccess access, CaseInput input, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.records = records;
        this.access = access;
        this.input = input;
        this.events = events;
        this.clock = clock;
    }

    /** Which of the person's details a change replaces. */
    public enum Scope {
        /** All of them, as given (the API): checked before the case is looked up. */
        ALL,
        /**
         * What staff record on the case page (name used, pronouns, legal name, groups, facts, the gender-marker mismatch,
         * safe contact); what the person wrote themselves (their request and its language) and the route profile are kept.
         */
        STAFF_RECORDED
    }

    /** Replaces the person's details (all of them, or what staff record); one {@code case.details-changed} event. */
    @Transactional
    public CaseView changeDetails(StaffMember who, UUID id, Scope scope, CaseDetails details, @Nullable String nationality,
            @Nullable String countryOfResidence) {
        return changeDetails(who, id, scope, details, nationality, countryOfResidence, IfMatch.NONE);
    }

    /** As above, only if the case is still at the version {@code ifMatch} names (412 otherwise), checked under the row lock. */
    @Transactional
    public CaseView changeDetails(StaffMember who, UUID id, Scope scope, CaseDetails details, @Nullable String nationality,
            @Nullable String countryOfResidence, IfMatch ifMatch) {
        String nat = CaseInput.country("nationality", nationality);
        String res = CaseInput.country("countryOfResidence", countryOfResidence);
        if (scope == Scope.ALL) {
            input.validate(details);
        }
        CaseRow row = access.lock(who, id);
        ifMatch.check(IfMatch.etag(row.version()));
        CaseDetails current = access.details(row);
        CaseDetails changed = details;
        if (scope == Scope.STAFF_RECORDED) {
            changed = new CaseDetails(details.nameUsed(), details.pronouns(), details.legalName(), details.groups(), details.facts(),
                    details.documentGenderMismatch(), current.request(), current.language(), details.safeContact(), current.routeProfile());
            input.validate(changed);
        }
        Instant now = clock.instant();
        store.updateDetails(row, access.encryptDetails(who.org(), row.id(), changed), nat, res, now);
        records.event(row.id(), row.org(), now, who.id().value(), CaseEventType.DETAILS_CHANGED, null, null, null);
        access.audit(who, CaseEventType.DETAILS_CHANGED, row.id());
        CaseRow after = store.find(CaseScope.of(who), row.id()).orElseThrow();
        events.publishEvent(new CaseProfileChanged(row.profile(current), after.profile(changed), now));
        return after.view(changed);
    }
}
