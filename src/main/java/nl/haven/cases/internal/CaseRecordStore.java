package nl.haven.cases.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What hangs off a case: its timeline events, notes, tasks, messages and documents. Every query names both the case
 * and its organisation; callers pass a case they found through {@link CaseStore} with the caller's scope.
 */
@Repository
public class CaseRecordStore {
    private final JdbcClient jdbc;

    CaseRecordStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- timeline ---------------------------------------------------------------------------------------------------

    public record Event(UUID id, Instant at, @Nullable UUID actor, String type, @Nullable String from, @Nullable String to,
            @Nullable LocalDate onDate, byte @Nullable [] detail) {
    }

    public void event(UUID caseId, UUID org, Instant at, @Nullable UUID actor, CaseEventType type, @Nullable String from, @Nullable String to,
            @Nullable LocalDate onDate) {
        jdbc.sql("insert into case_event (id, case_id, org_id, occurred_at, actor_id, type, from_state, to_state, on_date) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), caseId, org, CaseStore.utc(at), actor, type.code(), from, to, onDate).update();
    }

    /** A system event whose detail is ciphertext under the case's key (a policy change: the old and new framework). */
    public void eventWithDetail(UUID caseId, UUID org, Instant at, String type, @Nullable LocalDate onDate, byte[] detail) {
        jdbc.sql("insert into case_event (id, case_id, org_id, occurred_at, actor_id, type, from_state, to_state, on_date, detail) "
                + "values (?, ?, ?, ?, null, ?, null, null, ?, ?)")
                .params(UUID.randomUUID(), caseId, org, CaseStore.utc(at), type, onDate, detail).update();
    }

    public List<Event> events(UUID caseId, UUID org) {
        return jdbc.sql("select id, occurred_at, actor_id, type, from_state, to_state, on_date, detail from case_event "
                + "where case_id = ? and org_id = ? order by occurred_at, id")
                .params(caseId, org)
                .query((rs, n) -> new Event(rs.getObject("id", UUID.class), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("actor_id", UUID.class), rs.getString("type"), rs.getString("from_state"), rs.getString("to_state"),
                        rs.getObject("on_date", LocalDate.class), rs.getBytes("detail")))
                .list();
    }

    // --- notes and messages -----------------------------------------------------------------------------------------

    /** A note or a message; {@code body} is ciphertext. */
    public record Entry(UUID id, @Nullable UUID author, Instant at, @Nullable String direction, byte[] body) {
    }

    public UUID note(UUID caseId, UUID org, @Nullable UUID author, Instant at, byte[] body) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into case_note (id, case_id, org_id, author_id, created_at, body) values (?, ?, ?, ?, ?, ?)")
                .params(id, caseId, org, author, CaseStore.utc(at), body).update();
        return id;
    }

    public List<Entry> notes(UUID caseId, UUID org) {
        return jdbc.sql("select id, author_id, created_at, body from case_note where case_id = ? and org_id = ? order by created_at, id")
                .params(caseId, org)
                .query((rs, n) -> new Entry(rs.getObject("id", UUID.class), rs.getObject("author_id", UUID.class),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(), null, rs.getBytes("body")))
                .list();
    }

    public UUID message(UUID caseId, UUID org, String direction, @Nullable UUID author, Instant at, byte[] body) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into case_message (id, case_id, org_id, direction, author_id, created_at, body) values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, caseId, org, direction, author, CaseStore.utc(at), body).update();
        return id;
    }

    /** A message's body encrypted anew (moved under the case's thread key, ADR 0006 F.14). */
    public void rewriteMessage(UUID id, UUID caseId, UUID org, byte[] body) {
        jdbc.sql("update case_message set body = ? where id = ? and case_id = ? and org_id = ?").params(body, id, caseId, org).update();
    }

    public List<Entry> messages(UUID caseId, UUID org) {
        return jdbc.sql("select id, author_id, created_at, direction, body from case_message where case_id = ? and org_id = ? "
                + "order by created_at, id")
                .params(caseId, org)
                .query((rs, n) -> new Entry(rs.getObject("id", UUID.class), rs.getObject("author_id", UUID.class),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("direction"), rs.getBytes("body")))
                .list();
    }

    // --- tasks ------------------------------------------------------------------------------------------------------

    /** A task; {@code title} is ciphertext for manual tasks, null for deadlines (their title is the term's name). */
    public record Task(UUID id, String kind, @Nullable String termId, byte @Nullable [] title, LocalDate dueOn, @Nullable UUID assignee,
            Instant createdAt, @Nullable Instant doneAt) {
    }

    public UUID task(UUID caseId, UUID org, String kind, @Nullable String termId, byte @Nullable [] title, LocalDate dueOn,
            @Nullable UUID assignee, Instant at) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into case_task (id, case_id, org_id, kind, term_id, title, due_on, assignee_id, created_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, caseId, org, kind, termId, title, dueOn, assignee, CaseStore.utc(at)).update();
        return id;
    }

    public List<Task> tasks(UUID caseId, UUID org) {
        return jdbc.sql("select id, kind, term_id, title, due_on, assignee_id, created_at, done_at from case_task "
                + "where case_id = ? and org_id = ? order by done_at nulls first, due_on, id")
                .params(caseId, org).query((rs, n) -> task(rs)).list();
    }

    /** An open task with the reference of its case (the calendar feed shows nothing else of the case). */
    public record OpenTask(Task task, String reference) {
    }

    /** Open tasks assigned to the user or on cases assigned to them, soonest first, with their cases' references. */
    public List<OpenTask> openTasksOf(UUID org, UUID user) {
        return jdbc.sql("select t.id, t.kind, t.term_id, t.title, t.due_on, t.assignee_id, t.created_at, t.done_at, c.reference "
                + "from case_task t join case_file c on c.id = t.case_id and c.org_id = t.org_id "
                + "where t.org_id = ? and t.done_at is null and (t.assignee_id = ? or (t.assignee_id is null and c.assignee_id = ?)) "
                + "order by t.due_on, t.id")
                .params(org, user, user).query((rs, n) -> new OpenTask(task(rs), rs.getString("reference"))).list();
    }

    public boolean completeTask(UUID caseId, UUID org, UUID taskId, Instant at) {
        return jdbc.sql("update case_task set done_at = ? where id = ? and case_id = ? and org_id = ? and done_at is null")
                .params(CaseStore.utc(at), taskId, caseId, org).update() == 1;
    }

    /** Closes the open deadline tasks of a term (a new stage replaces them). */
    public void closeDeadlines(UUID caseId, UUID org, String termPrefix, Instant at) {
        jdbc.sql("update case_task set done_at = ? where case_id = ? and org_id = ? and kind = 'DEADLINE' and done_at is null and term_id like ?")
                .params(CaseStore.utc(at), caseId, org, termPrefix + "%").update();
    }

    private static Task task(ResultSet rs) throws SQLException {
        OffsetDateTime done = rs.getObject("done_at", OffsetDateTime.class);
        return new Task(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("term_id"), rs.getBytes("title"),
                rs.getObject("due_on", LocalDate.class), rs.getObject("assignee_id", UUID.class),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), done == null ? null : done.toInstant());
    }

    // --- documents --------------------------------------------------------------------------------------------------

    /** {@code thread}: added by the requester after the intake, under the case's thread key (ADR 0006 C.6). */
    public record Document(UUID id, String mediaType, long size, Instant createdAt, byte[] name, boolean thread) {
    }

    public void document(UUID id, UUID caseId, UUID org, String mediaType, long size, Instant at, byte[] name, byte[] content, boolean thread) {
        jdbc.sql("insert into case_document (id, case_id, org_id, media_type, size_bytes, created_at, name, content, thread) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, caseId, org, mediaType, size, CaseStore.utc(at), name, content, thread).update();
    }

    public List<Document> documents(UUID caseId, UUID org) {
        return jdbc.sql("select id, media_type, size_bytes, created_at, name, thread from case_document where case_id = ? and org_id = ? "
                + "order by created_at, id")
                .params(caseId, org)
                .query((rs, n) -> new Document(rs.getObject("id", UUID.class), rs.getString("media_type"), rs.getLong("size_bytes"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getBytes("name"), rs.getBoolean("thread")))
                .list();
    }

    public Optional<byte[]> documentContent(UUID caseId, UUID org, UUID documentId) {
        return jdbc.sql("select content from case_document where id = ? and case_id = ? and org_id = ?").params(documentId, caseId, org)
                .query((rs, n) -> rs.getBytes(1)).optional();
    }

    // --- erasure ----------------------------------------------------------------------------------------------------

    /** After crypto-shredding: the ciphertexts are unreadable anyway; remove them, the blind indexes and who read how far. */
    public void eraseContent(UUID caseId, UUID org) {
        for (String table : List.of("case_note", "case_message", "case_document", "case_receipt", "case_identifier", "case_read")) {
            jdbc.sql("delete from " + table + " where case_id = ? and org_id = ?").params(caseId, org).update();
        }
        jdbc.sql("update case_task set title = null where case_id = ? and org_id = ?").params(caseId, org).update();
        jdbc.sql("update case_event set detail = null where case_id = ? and org_id = ?").params(caseId, org).update();
        jdbc.sql("update case_appointment set place = null, note = null where case_id = ? and org_id = ?").params(caseId, org).update();
    }
}
