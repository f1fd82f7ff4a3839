package nl.haven.cases.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.protection.Protection;
import nl.haven.shared.BadInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The queue of cases a staff member may see, and the identifiers (V-number, phone, e-mail) that find a case by exact
 * match: only their keyed blind indexes are stored.
 */
@Service
public class CaseQueue {
    /** The identifiers searchable by exact match through blind indexes. */
    public static final List<String> IDENTIFIER_KINDS = List.of("v-number", "phone", "email");

    private final CaseStore store;
    private final CaseAccess access;
    private final Protection protection;

    CaseQueue(CaseStore store, CaseAccess access, Protection protection) {
        this.store = store;
        this.access = access;
        this.protection = protection;
    }

    /**
     * The queue: non-sensitive columns only, so listing it writes no audit event. A search ({@code q}, a reference or an
     * identifier such as a V-number) does: it tells whether a person is this organisation's client, so who searched and
     * when is recorded ({@code case.queue-searched}, without what was searched for, which is personal data).
     */
    @Transactional
    public CasePage queue(StaffMember who, CaseFilter filter) {
        CaseAccess.requireCaseAccess(who);
        CaseScope scope = CaseScope.of(who);
        String status = filter.status() == null ? null : CaseInput.state("status", filter.status());
        CaseFilter checked = new CaseFilter(status, filter.priority(), filter.assignee(),
                CaseInput.country("nationality", filter.nationality()), filter.dueBefore(), filter.q(), filter.page(), filter.size(),
                filter.unassigned(), filter.sort());
        List<UUID> only = null;
        if (checked.q() != null && !checked.q().isBlank()) {
            String q = checked.q().strip();
            only = new ArrayList<>(store.byReference(who.org().value(), q.toUpperCase(Locale.ROOT)).stream().toList());
            for (String kind : IDENTIFIER_KINDS) {
                only.addAll(store.byIdentifier(who.org().value(), kind, protection.blindIndex(who.org(), "case." + kind, normalise(q))));
            }
            access.audit(who, CaseAuditAction.QUEUE_SEARCHED);
        }
        return store.list(scope, checked, only);
    }

    /**
     * Who sees the name the person uses beside the reference in the queue: coordinators (the organisation's cases) and
     * caseworkers and lawyers (the cases assigned to them). Not intake staff: their queue is every new request of the
     * organisation, and they read a request by opening it, one audited read at a time.
     */
    public static final Set<Role> LABEL_ROLES = EnumSet.of(Role.COORDINATOR, Role.CASEWORKER, Role.LAWYER);
    /** The longest label shown; a longer name is cut with an ellipsis. */
    static final int LABEL_LENGTH = 40;

    /**
     * The short label of each of these cases the staff member may see: the name the person uses, for the roles of
     * {@link #LABEL_ROLES}; none for other roles (the queue shows the reference only). Decrypting a case's details is a
     * read of its content, so each case whose details are decrypted writes one {@code case.label-read} audit event.
     */
    @Transactional
    public Map<UUID, String> labels(StaffMember who, List<UUID> ids) {
        Map<UUID, String> labels = new LinkedHashMap<>();
        if (!LABEL_ROLES.contains(who.role())) {
            return labels;
        }
        CaseScope scope = CaseScope.of(who);
        for (UUID id : ids) {
            store.find(scope, id).ifPresent(row -> {
                String name = access.details(row).nameUsed();
                access.audit(who, CaseAuditAction.LABEL_READ, row.id());
                if (name != null && !name.isBlank()) {
                    String label = name.strip();
                    labels.put(row.id(), label.length() > LABEL_LENGTH ? label.substring(0, LABEL_LENGTH - 1) + "…" : label);
                }
            });
        }
        return labels;
    }

    /** Records an identifier (V-number, phone, e-mail) for exact-match search; only its keyed blind index is stored. */
    @Transactional
    public void addIdentifier(StaffMember who, UUID id, String kind, String value) {
        if (!IDENTIFIER_KINDS.contains(kind)) {
            throw new BadInputException("kind", "unknown identifier kind '" + kind + "': expected one of " + IDENTIFIER_KINDS);
        }
        if (value == null || value.isBlank() || value.length() > CaseInput.MAX_NAME) {
            throw new BadInputException("value", "an identifier of 1 to 200 characters is expected");
        }
        CaseRow row = access.lock(who, id);
        store.putIdentifier(row.id(), row.org(), kind, protection.blindIndex(who.org(), "case." + kind, normalise(value)));
        access.audit(who, CaseAuditAction.IDENTIFIER_ADDED, row.id());
    }

    static String normalise(String identifier) {
        return identifier.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
    }
}
