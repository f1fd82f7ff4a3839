package nl.haven.cases.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.CaseProfile;
import nl.haven.cases.CaseProfileChanged;
import nl.haven.cases.Handling;
import nl.haven.identity.OrganisationDirectory;
import nl.haven.identity.StaffMember;
import nl.haven.protection.FieldRef;
import nl.haven.protection.Protection;
import nl.haven.shared.BadInputException;
import nl.haven.shared.CaseId;
import nl.haven.shared.ConflictException;
import nl.haven.shared.IfMatch;
import nl.haven.shared.NotFoundException;
import nl.haven.shared.OrgId;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Referral of a case to another organisation, only with the person's recorded consent. The case's keys are re-wrapped
 * for the receiving organisation and every encrypted field is re-encrypted under it (the associated data names the
 * organisation), so from then on only the receiving organisation can read the case. The referring organisation keeps
 * what the consent allows: the referral record (reference, receiving organisation, date), and nothing of the content;
 * internal notes go along only if the consent covers them, otherwise they are deleted. While the receiving
 * organisation has not accepted the case, the referring organisation can record that consent was withdrawn: the case
 * comes back the same way.
 */
@Service
public class CaseReferrals {
    private final CaseAccess access;
    private final CaseStore store;
    private final CaseRecordStore records;
    private final ReferralStore referrals;
    private final Protection protection;
    private final OrganisationDirectory organisations;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CaseReferrals(CaseAccess access, CaseStore store, CaseRecordStore records, ReferralStore referrals, Protection protection,
            OrganisationDirectory organisations, ApplicationEventPublisher events, Clock clock) {
        this.access = access;
        this.store = store;
        this.records = records;
        this.referrals = referrals;
        this.protection = protection;
        this.organisations = organisations;
        this.events = events;
        this.clock = clock;
    }

    public record Referral(UUID id, UUID caseId, String reference, String toOrg, Instant referredAt, @Nullable Instant withdrawnAt) {
        /** The strong entity tag of its one change: whether consent was withdrawn. */
        public String etag() {
            return IfMatch.etag(withdrawnAt == null ? "referred" : "withdrawn");
        }
    }

    /**
     * Refers the case. Refused without consent, to an unknown organisation or the caller's own, and for a case that is
     * closed or already referred; nothing changes then.
     */
    @Transactional
    public Referral refer(StaffMember who, UUID caseId, @Nullable String toOrg, @Nullable Boolean consent, boolean includeNotes) {
        if (!Boolean.TRUE.equals(consent)) {
            throw new BadInputException("consent", "a referral needs the person's consent: record it and send \"consent\": true");
        }
        OrganisationDirectory.Organisation target = organisations.bySlug(toOrg == null ? "" : toOrg.strip())
                .orElseThrow(() -> new BadInputException("toOrg", "unknown organisation '" + toOrg + "': expected the slug of an organisation on "
                        + "this Haven"));
        if (target.id().equals(who.org())) {
            throw new BadInputException("toOrg", "'" + toOrg + "' is your own organisation");
        }
        CaseRow row = access.lock(who, caseId);
        if (row.handling() == Handling.CLOSED || row.handling() == Handling.REFERRED) {
            throw new ConflictException("A case in " + row.handling() + " cannot be referred. Reopen it first.", List.of("TRIAGE"));
        }
        Instant now = clock.instant();
        if (!includeNotes) {
            referrals.deleteNotes(row.id(), row.org());
        }
        move(row, target.id(), Handling.NEW, now, false);
        ReferralStore.Referral referral = new ReferralStore.Referral(UUID.randomUUID(), row.id(), row.org(), target.id().value(), row.reference(),
                now, null);
        referrals.insert(referral, now, row.assignee(), row.handling().name());
        records.event(row.id(), target.id().value(), now, who.id().value(), CaseEventType.REFERRED, row.handling().name(), Handling.NEW.name(),
                null);
        access.audit(who, CaseEventType.REFERRED, row.id());
        return new Referral(referral.id(), row.id(), row.reference(), target.slug(), now, null);
    }

    /**
     * The referrals the caller's organisation made: what it keeps of referred cases. Each follows the scope of its case
     * as it was when referred: a caseworker sees the referrals of their own cases, a coordinator all of them.
     */
    @Transactional(readOnly = true)
    public List<Referral> madeBy(StaffMember who) {
        CaseAccess.requireCaseAccess(who);
        List<Referral> out = new ArrayList<>();
        for (ReferralStore.Referral r : referrals.madeBy(CaseScope.of(who))) {
            out.add(view(r));
        }
        return out;
    }

    /**
     * One referral record, scoped as {@link #madeBy}: another organisation's, or one of a case the caller could not see,
     * is "not found" like one that does not exist.
     */
    public Referral referral(StaffMember who, UUID referralId) {
        CaseAccess.requireCaseAccess(who);
        return view(referrals.inScope(CaseScope.of(who), referralId).orElseThrow(() -> new NotFoundException("referral")));
    }

    private Referral view(ReferralStore.Referral r) {
        String slug = organisations.byId(new OrgId(r.to())).map(OrganisationDirectory.Organisation::slug).orElse("?");
        return new Referral(r.id(), r.caseId(), r.reference(), slug, r.referredAt(), r.withdrawnAt());
    }

    /**
     * The person withdrew their consent: while the receiving organisation has not accepted the case (it is still new
     * or in triage there), it comes back to the referring organisation's triage. Afterwards it is the receiving
     * organisation's to erase on the person's request (409).
     */
    @Transactional
    public void withdraw(StaffMember who, UUID referralId) {
        withdraw(who, referralId, IfMatch.NONE);
    }

    /** As above, only if the referral is still as {@code ifMatch} names it (412 otherwise). */
    @Transactional
    public void withdraw(StaffMember who, UUID referralId, IfMatch ifMatch) {
        CaseAccess.requireCaseAccess(who);
        // Another organisation's referral, or one of a case the caller could not see, is "not found" like one that does not exist.
        ReferralStore.Referral referral = referrals.inScope(CaseScope.of(who), referralId)
                .orElseThrow(() -> new NotFoundException("referral"));
        ifMatch.check(IfMatch.etag(referral.withdrawnAt() == null ? "referred" : "withdrawn"));
        if (referral.withdrawnAt() != null) {
            throw new ConflictException("Consent to this referral was already withdrawn.", List.of());
        }
        CaseRow row = store.findInOrganisation(referral.to(), referral.caseId()).orElse(null);
        if (row == null || (row.handling() != Handling.NEW && row.handling() != Handling.TRIAGE)) {
            throw new ConflictException("The receiving organisation has taken the case on (or closed it); the person can ask it to erase "
                    + "their data.", List.of());
        }
        Instant now = clock.instant();
        // The case is the receiving organisation's now: the referrer takes it back with its own keys, from the return seal.
        protection.openReturnSeal(new OrgId(referral.to()), who.org(), new CaseId(row.id()));
        move(row, who.org(), Handling.TRIAGE, now, true);
        referrals.withdrawn(referral.id(), now);
        records.event(row.id(), who.org().value(), now, who.id().value(), CaseEventType.REFERRAL_WITHDRAWN, row.handling().name(),
                Handling.TRIAGE.name(), null);
        access.audit(who, CaseEventType.REFERRAL_WITHDRAWN, row.id());
    }

    /** Re-encrypts every field of the case under the receiving organisation and hands its keys over. */
    private void move(CaseRow row, OrgId to, Handling handling, Instant now, boolean back) {
        OrgId from = new OrgId(row.org());
        CaseId caseId = new CaseId(row.id());
        // 1. Everything decrypted under the current organisation (in memory only) …
        CaseDetails parsed = access.details(row);
        CaseProfile before = row.profile(parsed);
        events.publishEvent(new CaseProfileChanged(before, new CaseProfile(to.value(), before.opened(), "REFERRAL", before.nationality(),
                before.groups(), before.facts(), handling, before.stage()), now));
        record Plain(EncryptedField field, UUID id, byte @Nullable [] value, boolean thread) {
        }
        List<Plain> plain = new ArrayList<>();
        for (EncryptedField field : ReferralStore.ENCRYPTED) {
            for (ReferralStore.Cell cell : referrals.cells(field, row.id(), row.org())) {
                if (cell.value() == null) {
                    plain.add(new Plain(field, cell.id(), null, cell.thread()));
                } else if (field.streamed()) {
                    plain.add(new Plain(field, cell.id(), readAll(protection.decryptingStream(field.of(from, caseId, cell.thread()),
                            new ByteArrayInputStream(cell.value()))), cell.thread()));
                } else {
                    plain.add(new Plain(field, cell.id(), protection.decrypt(field.of(from, caseId, cell.thread()), cell.value()), cell.thread()));
                }
            }
        }
        // 2. … the keys handed over …
        if (back) {
            protection.returnCase(from, to, caseId);
        } else {
            protection.transferCase(from, to, caseId);
        }
        // 3. … and everything encrypted again under the receiving organisation.
        for (Plain item : plain) {
            byte[] encrypted = null;
            if (item.value() != null) {
                FieldRef field = item.field().of(to, caseId, item.thread());
                encrypted = item.field().streamed() ? encryptStream(field, item.value()) : protection.encrypt(field, item.value());
            }
            referrals.rewrite(item.field(), item.id(), row.org(), to.value(), encrypted);
        }
        referrals.moveRows(row.id(), row.org(), to.value());
        referrals.moveCase(row.id(), row.org(), to.value(), handling.name(), access.encryptDetails(to, row.id(), parsed), now);
    }

    private byte[] encryptStream(FieldRef field, byte[] plain) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream(plain.length + 1024);
        try (OutputStream out = protection.encryptingStream(field, sink)) {
            out.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.toByteArray();
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
