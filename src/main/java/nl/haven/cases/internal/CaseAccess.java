package nl.haven.cases.internal;

import java.io.InputStream;
import java.util.UUID;
import nl.haven.audit.AuditEvent;
import nl.haven.audit.AuditLog;
import nl.haven.cases.CaseDetails;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.protection.Protection;
import nl.haven.shared.CaseId;
import nl.haven.shared.NotFoundException;
import nl.haven.shared.OrgId;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way the cases module's services reach a case and its content: the case found through the staff member's
 * {@link CaseScope} (another organisation's case is "not found", exactly as one that does not exist, and asking for it
 * is audited), the case a requester's codename points to, the audit event of a read or change, and every encrypted
 * field of the case ({@link EncryptedField}) encrypted and decrypted under the case's key.
 */
@Component
class CaseAccess {
    private final CaseStore store;
    private final Protection protection;
    private final AuditLog audit;
    private final TransactionTemplate requiresNew;
    private final JsonMapper json = JsonMapper.builder().build();

    CaseAccess(CaseStore store, Protection protection, AuditLog audit, PlatformTransactionManager transactions) {
        this.store = store;
        this.protection = protection;
        this.audit = audit;
        this.requiresNew = new TransactionTemplate(transactions);
        this.requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    // --- finding a case -----------------------------------------------------------------------------------------------

    /** Analysts and administrators see no case content. */
    public static void requireCaseAccess(StaffMember who) {
        if (who.role() == Role.ANALYST || who.role() == Role.ADMIN) {
            throw new AccessDeniedException("this role sees no case content");
        }
    }

    /** The case if the staff member may see it; otherwise 404 and one {@code case.access-denied} audit event. */
    public CaseRow find(StaffMember who, UUID id) {
        requireCaseAccess(who);
        return store.find(CaseScope.of(who), id).orElseThrow(() -> denied(who, id));
    }

    /** As {@link #find}, and the read recorded: one audit event of the staff member about the case. */
    public CaseRow read(StaffMember who, UUID id, CaseAuditAction action) {
        CaseRow row = find(who, id);
        audit(who, action, row.id());
        return row;
    }

    /** As {@link #find}, locked until the end of the transaction (for a change). */
    public CaseRow lock(StaffMember who, UUID id) {
        requireCaseAccess(who);
        return store.lock(CaseScope.of(who), id).orElseThrow(() -> denied(who, id));
    }

    /** The case a requester's codename points to, in whichever organisation holds it now; 404 once erased. */
    public CaseRow forRequester(CaseId id) {
        return store.findForRequester(id.value()).orElseThrow(() -> new NotFoundException("case"));
    }

    /**
     * A case the staff member may not see, or that does not exist: one {@code case.access-denied} audit event with the
     * id asked for (SECURITY.md S8), in a transaction of its own so that the caller's rollback does not take it along;
     * the caller gets the same 404 either way.
     */
    private NotFoundException denied(StaffMember who, UUID id) {
        requiresNew.executeWithoutResult(status -> audit.record(event(who, CaseAuditAction.ACCESS_DENIED.code(), id)));
        return new NotFoundException("case");
    }

    // --- auditing -----------------------------------------------------------------------------------------------------

    /** One audit event of the staff member about the case. */
    public void audit(StaffMember who, CaseAuditAction action, UUID caseId) {
        audit.record(event(who, action.code(), caseId));
    }

    /** One audit event of the staff member about no case in particular (a search of the queue). */
    public void audit(StaffMember who, CaseAuditAction action) {
        audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), action.code()));
    }

    /** One audit event of a change that is also on the timeline, under the event's code. */
    public void audit(StaffMember who, CaseEventType change, UUID caseId) {
        audit.record(event(who, change.code(), caseId));
    }

    /** One audit event by the anonymous requester about their case. */
    public void auditRequester(CaseRow row, CaseAuditAction action) {
        audit.record(AuditEvent.of(new OrgId(row.org()), AuditEvent.ANONYMOUS, action.code(), "case", row.id()));
    }

    /** One audit event of the anonymous requester's change to their case, under the event's code. */
    public void auditRequester(CaseRow row, CaseEventType change) {
        audit.record(AuditEvent.of(new OrgId(row.org()), AuditEvent.ANONYMOUS, change.code(), "case", row.id()));
    }

    private static AuditEvent event(StaffMember who, String action, UUID caseId) {
        return AuditEvent.of(who.org(), AuditEvent.user(who.id()), action, "case", caseId);
    }

    // --- the case's encrypted fields ----------------------------------------------------------------------------------

    public byte[] encryptDetails(OrgId org, UUID caseId, CaseDetails details) {
        return protection.encrypt(EncryptedField.CASE_DETAILS.of(org, caseId), json.writeValueAsBytes(details));
    }

    public CaseDetails details(CaseRow row) {
        return json.readValue(protection.decrypt(EncryptedField.CASE_DETAILS.of(row), row.details()), CaseDetails.class);
    }

    public byte[] encrypt(CaseRow row, EncryptedField field, String text) {
        return protection.encryptText(field.of(row), text);
    }

    public String decrypt(CaseRow row, EncryptedField field, byte[] ciphertext) {
        return protection.decryptText(field.of(row), ciphertext);
    }

    /** A document's name, under the thread key or the case key as it was stored. */
    public String documentName(CaseRow row, CaseRecordStore.Document document) {
        return protection.decryptText(EncryptedField.DOCUMENT_NAME.of(new OrgId(row.org()), new CaseId(row.id()), document.thread()), document.name());
    }

    /** A document's content, decrypting segment by segment as it is read, under the key it was stored with. */
    public InputStream documentContent(CaseRow row, CaseRecordStore.Document document, InputStream ciphertext) {
        return protection.decryptingStream(EncryptedField.DOCUMENT_CONTENT.of(new OrgId(row.org()), new CaseId(row.id()), document.thread()), ciphertext);
    }

    public byte[] encryptBytes(CaseRow row, EncryptedField field, byte[] plain) {
        return protection.encrypt(field.of(row), plain);
    }

    public byte[] decryptBytes(CaseRow row, EncryptedField field, byte[] ciphertext) {
        return protection.decrypt(field.of(row), ciphertext);
    }

    /** A streamed field (a document's content), decrypting segment by segment as it is read. */
    public InputStream decrypting(CaseRow row, EncryptedField field, InputStream ciphertext) {
        return protection.decryptingStream(field.of(row), ciphertext);
    }
}
