package nl.haven.identity.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.haven.shared.OrgId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The organisations (tenants). */
@Repository
public class OrganisationStore {
    private final JdbcClient jdbc;

    OrganisationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Organisation(OrgId id, String slug, String name) {
    }

    public long count() {
        return jdbc.sql("select count(*) from organisation").query(Long.class).single();
    }

    public boolean slugTaken(String slug) {
        return jdbc.sql("select count(*) from organisation where slug = ?").param(slug).query(Long.class).single() > 0;
    }

    public OrgId create(String slug, String name, Instant now) {
        OrgId id = OrgId.random();
        jdbc.sql("insert into organisation (id, slug, name, created_at) values (?, ?, ?, ?)")
                .params(id.value(), slug, name, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update();
        return id;
    }

    public Optional<Organisation> bySlug(String slug) {
        return jdbc.sql("select id, slug, name from organisation where slug = ?").param(slug)
                .query((rs, n) -> new Organisation(new OrgId(rs.getObject("id", UUID.class)), rs.getString("slug"), rs.getString("name")))
                .optional();
    }

    public Optional<Organisation> byId(OrgId id) {
        return jdbc.sql("select id, slug, name from organisation where id = ?").param(id.value())
                .query((rs, n) -> new Organisation(new OrgId(rs.getObject("id", UUID.class)), rs.getString("slug"), rs.getString("name")))
                .optional();
    }

    /**
     * Locks the organisation's row until the transaction ends. Changes to an organisation's users take
     * this lock first, so that two administrators cannot, at the same moment, each remove the other's
     * ADMIN role and leave the organisation without one.
     */
    public void lock(OrgId id) {
        jdbc.sql("select id from organisation where id = ? for update").param(id.value()).query(UUID.class).optional();
    }

    /** What an organisation's ADMIN sets: its name, the quick-exit address and the intake's welcome text (null: not set). */
    public record Settings(String name, @Nullable String quickExitUrl, @Nullable String intakeWelcome) {
    }

    public Optional<Settings> settings(OrgId id) {
        return jdbc.sql("select name, quick_exit_url, intake_welcome from organisation where id = ?").param(id.value())
                .query((rs, n) -> new Settings(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    public boolean updateSettings(OrgId id, Settings settings) {
        return jdbc.sql("update organisation set name = ?, quick_exit_url = ?, intake_welcome = ? where id = ?")
                .params(settings.name(), settings.quickExitUrl(), settings.intakeWelcome(), id.value()).update() == 1;
    }

    public List<Organisation> all() {
        return jdbc.sql("select id, slug, name from organisation order by slug")
                .query((rs, n) -> new Organisation(new OrgId(rs.getObject("id", UUID.class)), rs.getString("slug"), rs.getString("name")))
                .list();
    }
}
