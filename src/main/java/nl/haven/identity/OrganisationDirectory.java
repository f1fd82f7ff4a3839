package nl.haven.identity;

import java.util.Optional;
import java.util.UUID;
import nl.haven.shared.OrgId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Organisations by slug or id, for the modules that address one (intake forms, referrals). Names and slugs only. */
@Component
public class OrganisationDirectory {
    private final JdbcClient jdbc;

    OrganisationDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Organisation(OrgId id, String slug, String name) {
    }

    public Optional<Organisation> bySlug(String slug) {
        if (slug == null || slug.length() > 64) {
            return Optional.empty();
        }
        return jdbc.sql("select id, slug, name from organisation where slug = ?").param(slug)
                .query((rs, n) -> new Organisation(new OrgId(rs.getObject("id", UUID.class)), rs.getString("slug"), rs.getString("name")))
                .optional();
    }

    public Optional<Organisation> byId(OrgId id) {
        return jdbc.sql("select id, slug, name from organisation where id = ?").param(id.value())
                .query((rs, n) -> new Organisation(new OrgId(rs.getObject("id", UUID.class)), rs.getString("slug"), rs.getString("name")))
                .optional();
    }
}
