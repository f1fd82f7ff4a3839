package nl.haven.identity;

import java.util.List;
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

    /** Every organisation but {@code own}, by name: the partners a case can be referred to. */
    public List<Organisation> partnersOf(OrgId own) {
        return jdbc.sql("select id, slug, name from organisation where id <> ? order by lower(name), slug").param(own.value())
                .query((rs, n) -> new Organisation(new OrgId(rs.getObject("id", UUID.class)), rs.getString("slug"), rs.getString("name")))
                .list();
    }

    public Optional<Organisation> byId(OrgId id) {
        return jdbc.sql("select id, slug, name from organisation where id = ?").param(id.value())
                .query((rs, n) -> new Organisation(new OrgId(rs.getObject("id", UUID.class)), rs.getString("slug"), rs.getString("name")))
                .optional();
    }
}
