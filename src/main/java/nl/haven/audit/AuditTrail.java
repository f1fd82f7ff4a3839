package nl.haven.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.haven.shared.OrgId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading one organisation's audit events (issue #19 point 11, the audit-log viewer): newest first, a page at a time,
 * filtered by a case, a user and a time span. An event is ids and an action name only, as it was written; nothing here
 * decrypts or looks anything up. Every read is itself one audit event ({@code audit.viewed}, by the reader).
 */
@Service
public class AuditTrail {
    /** Events per page. */
    public static final int PAGE_SIZE = 50;

    private final AuditStore store;
    private final AuditLog log;

    AuditTrail(AuditStore store, AuditLog log) {
        this.store = store;
        this.log = log;
    }

    /**
     * What to look for; every part optional.
     *
     * @param caseId events about this case (subject {@code case})
     * @param userId events this user did, or that were done to their account (subject {@code user})
     * @param from events at or after this moment
     * @param before events before this moment
     */
    public record Query(@Nullable UUID caseId, @Nullable UUID userId, @Nullable Instant from, @Nullable Instant before) {
        public static final Query ALL = new Query(null, null, null, null);
    }

    /** One event as the viewer shows it. */
    public record Entry(long seq, Instant occurredAt, @Nullable String actor, @Nullable String action, @Nullable String subjectType,
            @Nullable String subjectId) {
    }

    /** One page of events, newest first; {@code page} counts from 0; {@code hasNext} when older events match too. */
    public record Page(List<Entry> entries, int page, boolean hasNext) {
        public boolean hasPrevious() {
            return page > 0;
        }
    }

    /**
     * The organisation's events that match, newest first, page {@code page} (from 0). Records {@code audit.viewed} by
     * {@code reader} in the same transaction.
     */
    @Transactional
    public Page read(OrgId org, String reader, Query query, int page) {
        int shown = Math.max(0, page);
        List<AuditRow> rows = store.ofOrganisation(org.value(), query.caseId() == null ? null : query.caseId().toString(),
                query.userId() == null ? null : query.userId().toString(), query.from(), query.before(), (long) shown * PAGE_SIZE, PAGE_SIZE + 1);
        List<Entry> entries = rows.stream().limit(PAGE_SIZE)
                .map(r -> new Entry(r.seq(), r.occurredAt(), r.actor(), r.action(), r.subjectType(), r.subjectId())).toList();
        log.record(AuditEvent.of(org, reader, "audit.viewed"));
        return new Page(entries, shown, rows.size() > PAGE_SIZE);
    }
}
