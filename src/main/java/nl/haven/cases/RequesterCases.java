package nl.haven.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.haven.protection.OpenedThread;
import nl.haven.protection.ThreadSecret;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;

/**
 * What the public intake does with cases, without a staff member: it opens a case in the organisation's triage queue,
 * attaches the documents that came with the request, and serves the requester's follow-up page (the thread and their
 * reply). The case is found wherever it is now (a referral moves it to another organisation; the codename goes on
 * working) and not at all once erased.
 */
public interface RequesterCases {

    /** A case from the public intake, in the organisation's triage queue; the caller records the audit event. */
    Opened open(OrgId org, NewCase request);

    /**
     * Opens the case as {@link #open(OrgId, NewCase)} does, with a thread key that its requester's secret opens as well
     * as the case key (ADR 0006 C.6): the follow-up page then shows and adds messages with nobody of the organisation
     * logged in. The intake's cases are opened this way.
     */
    Opened open(OrgId org, NewCase request, ThreadSecret secret);

    /**
     * Opens the case's thread key with its requester's secret on the calling thread until the answer is closed; call
     * {@link #thread} and {@link #reply} inside. A case opened before thread keys has none ({@link OpenedThread#held()}
     * false): its messages stay under the case key.
     *
     * @throws nl.haven.shared.NotFoundException when the case is gone (erased)
     */
    OpenedThread unlock(CaseId id, ThreadSecret secret);

    record Opened(CaseId id, String reference) {
    }

    /**
     * A document that came with an intake request, already checked by the intake module (type sniffed from content,
     * size limited, metadata stripped unless it is the original kept with consent). {@link #toString()} shows no name.
     */
    record IntakeDocument(String name, String mediaType, byte[] content) {
        @Override
        public String toString() {
            return "IntakeDocument[" + mediaType + ", " + content.length + " bytes]";
        }
    }

    /** Stores a document of a case that {@link #open} just opened, encrypted; the caller records the audit event. */
    UUID attach(CaseId id, IntakeDocument document);

    /**
     * Stores a document the requester adds after the intake (the follow-up page), encrypted under the case's thread key,
     * which their codename opened ({@link #unlock}): nobody of the organisation needs to be logged in. Staff open it with
     * the case. The caller records the audit event.
     */
    UUID attachLater(CaseId id, IntakeDocument document);

    /**
     * The thread the requester sees with their codename: the organisation's replies and their own messages, oldest
     * first, never the original request text (SECURITY.md S7). One audit event by an anonymous actor.
     */
    List<CaseText> thread(CaseId id);

    /** A message from the requester on their follow-up page; one audit event by an anonymous actor. */
    CaseText reply(CaseId id, String body);

    /** Where a request stands, for the person who sent it (issue #20 point 4): the organisation's handling and when it last changed. */
    record Standing(Handling handling, Instant openedAt, Instant updatedAt) {
    }

    /** The case's standing; read by its requester (audited like the thread). */
    Standing standing(CaseId id);
}
