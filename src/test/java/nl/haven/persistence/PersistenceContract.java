package nl.haven.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.haven.identity.Role;
import nl.haven.identity.internal.ApiTokenStore;
import nl.haven.identity.internal.OrganisationStore;
import nl.haven.identity.internal.SetupTokenStore;
import nl.haven.identity.internal.UserStore;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The same persistence tests for every database Haven runs on: the Flyway migrations and the
 * repositories' SQL must behave alike on H2 (PostgreSQL mode) and on PostgreSQL.
 */
abstract class PersistenceContract {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    OrganisationStore organisations;
    @Autowired
    UserStore users;
    @Autowired
    SetupTokenStore tokens;
    @Autowired
    ApiTokenStore apiTokens;

    abstract String expectedDatabaseProduct();

    @Test
    void runsOnTheExpectedDatabase() throws Exception {
        String product = jdbc.sql("select 1").query((rs, n) -> rs.getStatement().getConnection().getMetaData().getDatabaseProductName())
                .single();
        assertThat(product).isEqualTo(expectedDatabaseProduct());
    }

    @Test
    void everyMigrationApplied() {
        List<Boolean> results = jdbc.sql("select success from flyway_schema_history where version is not null").query(Boolean.class).list();
        assertThat(results).isNotEmpty().containsOnly(true);
    }

    @Test
    void organisationsRoundTripAndSlugsAreUnique() {
        OrgId id = organisations.create("round-trip", "Round Trip", Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(organisations.bySlug("round-trip")).get().satisfies(org -> {
            assertThat(org.id()).isEqualTo(id);
            assertThat(org.name()).isEqualTo("Round Trip");
        });
        assertThat(organisations.slugTaken("round-trip")).isTrue();
        assertThat(organisations.slugTaken("nobody-has-this")).isFalse();
        assertThatThrownBy(() -> organisations.create("round-trip", "Again", Instant.now()))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void usersAreFoundByNormalisedEmailAndEmailsAreUnique() {
        OrgId org = organisations.create("users-org", "Users Org", Instant.now());
        users.create(org, "Person@Users-Org.Example ", "Person", Role.CASEWORKER, "$argon2id$fake", Instant.now());
        assertThat(users.byEmail("person@users-org.example")).get().satisfies(account -> {
            assertThat(account.orgId()).isEqualTo(org);
            assertThat(account.role()).isEqualTo(Role.CASEWORKER);
            assertThat(account.active()).isTrue();
            assertThat(account.toString()).doesNotContain("argon2");
        });
        assertThatThrownBy(() -> users.create(org, "person@users-org.example", "Twin", Role.LAWYER, "x", Instant.now()))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void setupTokenExpiresAndIsUsedOnce() {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        String token = tokens.issue(now, Duration.ofHours(1));
        assertThat(tokens.isValid(token, now.plus(Duration.ofMinutes(59)))).isTrue();
        assertThat(tokens.isValid(token, now.plus(Duration.ofMinutes(61)))).isFalse();
        assertThat(tokens.consume(token, now.plus(Duration.ofMinutes(61)))).isFalse();
        assertThat(tokens.consume(token, now.plus(Duration.ofMinutes(1)))).isTrue();
        assertThat(tokens.consume(token, now.plus(Duration.ofMinutes(2)))).isFalse();
        assertThat(tokens.isValid(token, now.plus(Duration.ofMinutes(2)))).isFalse();
    }

    @Test
    void concurrentUsesOfOneSetupTokenLetExactlyOneThrough() throws Exception {
        Instant now = Instant.now();
        String token = tokens.issue(now, Duration.ofHours(1));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                attempts.add(() -> tokens.consume(token, now));
            }
            long winners = 0;
            for (Future<Boolean> result : pool.invokeAll(attempts)) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** SECURITY.md S1: a user id is reached only through its organisation, a token id only through its owner. */
    @Test
    void usersAreReachedOnlyThroughTheirOrganisationAndTokensOnlyThroughTheirOwner() {
        OrgId mine = organisations.create("scoped-mine", "Mine", Instant.now());
        OrgId theirs = organisations.create("scoped-theirs", "Theirs", Instant.now());
        UserId admin = users.create(mine, "admin@scoped-mine.example", "Admin", Role.ADMIN, "$argon2id$fake", Instant.now());
        UserId stranger = users.create(theirs, "user@scoped-theirs.example", "Stranger", Role.LAWYER, "$argon2id$fake",
                Instant.now());

        assertThat(users.inOrganisation(mine)).extracting(UserStore.Member::id).containsExactly(admin);
        assertThat(users.findInOrganisation(mine, stranger)).isEmpty();
        assertThat(users.findInOrganisation(theirs, stranger)).get().satisfies(member -> {
            assertThat(member.status()).isEqualTo(UserStore.Status.ACTIVE);
            assertThat(member.toString()).doesNotContain("@", "Stranger");
        });
        assertThat(users.deactivate(mine, stranger)).isFalse();
        assertThat(users.changeRole(mine, stranger, Role.ADMIN)).isFalse();
        assertThat(users.resetTotp(mine, stranger)).isFalse();
        assertThat(users.renewActivation(mine, stranger, "f".repeat(64), Instant.now().plusSeconds(60))).isFalse();
        assertThat(users.byId(stranger)).get().satisfies(account -> {
            assertThat(account.active()).isTrue();
            assertThat(account.role()).isEqualTo(Role.LAWYER);
        });
        assertThat(users.activeAdmins(mine)).isEqualTo(1);
        assertThat(users.activeAdmins(theirs)).isZero();
        organisations.lock(mine);

        UUID token = apiTokens.create(stranger, "ci", "e".repeat(64), Instant.now(), Instant.now().plus(Duration.ofDays(1)));
        assertThat(apiTokens.findOwnedBy(admin, token)).isEmpty();
        assertThat(apiTokens.revoke(admin, token, Instant.now())).isFalse();
        assertThat(apiTokens.ownerOf("e".repeat(64), Instant.now())).contains(stranger);
        assertThat(apiTokens.ownedBy(stranger)).singleElement().satisfies(t -> assertThat(t.name()).isEqualTo("ci"));
        assertThat(apiTokens.revoke(stranger, token, Instant.now())).isTrue();
        assertThat(apiTokens.revoke(stranger, token, Instant.now())).isFalse();
        assertThat(apiTokens.ownerOf("e".repeat(64), Instant.now())).isEmpty();
    }
}
