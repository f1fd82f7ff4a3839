package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.testing.CaseFixture;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The queue's order and the unassigned filter through {@code GET /api/v1/cases} (issue 19, point 2): every sortable
 * column in both directions against an order computed here from the data, a bad sort value refused naming it, new
 * requests newest first, and the cases assigned to nobody.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CaseQueueSortIT {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

    StaffFixture own;

    /** One case as the test set it up: what each column sorts on. */
    record Made(UUID id, String reference, OffsetDateTime opened, int priority, Stage stage, LocalDate due) {
    }

    List<Made> made = new ArrayList<>();

    @BeforeEach
    void cases() {
        own = StaffFixture.create(identity, "queue-sort");
        CaseFixture fixture = CaseFixture.of(context);
        // Deliberately unrelated orders: opened, priority, stage and due date each put the three cases differently.
        Object[][] rows = { { "2026-03-01T09:00:00Z", 2, Stage.APPLIED, "2026-05-03" },
                { "2026-01-01T09:00:00Z", 3, Stage.PREPARING, "2026-05-01" },
                { "2026-02-01T09:00:00Z", 1, Stage.INTENDED_DECISION, "2026-05-02" } };
        for (Object[] row : rows) {
            UUID id = fixture.open(own, "US");
            OffsetDateTime opened = OffsetDateTime.parse((String) row[0]).withOffsetSameInstant(ZoneOffset.UTC);
            Stage stage = (Stage) row[2];
            jdbc.sql("update case_file set opened_at = ?, priority = ?, handling = 'ACCEPTED', stage = ?, assignee_id = ? where id = ?")
                    .params(opened, row[1], stage.name(), own.ids().get(Role.CASEWORKER).value(), id).update();
            jdbc.sql("""
                    insert into case_task (id, case_id, org_id, kind, due_on, created_at) values (?, ?, ?, 'MANUAL', ?, ?)""")
                    .params(UUID.randomUUID(), id, own.org().value(), LocalDate.parse((String) row[3]), opened).update();
            String reference = jdbc.sql("select reference from case_file where id = ?").param(id).query(String.class).single();
            made.add(new Made(id, reference, opened, (Integer) row[1], stage, LocalDate.parse((String) row[3])));
        }
    }

    ResultActions call(String path) throws Exception {
        return mvc.perform(get(path).header("Authorization", own.bearer(Role.COORDINATOR)).accept(MediaType.APPLICATION_JSON));
    }

    List<UUID> ids(String path) throws Exception {
        JsonNode body = JSON.readTree(call(path).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        List<UUID> ids = new ArrayList<>();
        body.get("items").forEach(item -> ids.add(UUID.fromString(item.get("id").stringValue())));
        return ids;
    }

    <T extends Comparable<T>> List<UUID> expected(Function<Made, T> key, boolean descending) {
        Comparator<Made> order = Comparator.comparing(key);
        return made.stream().sorted(descending ? order.reversed() : order).map(Made::id).toList();
    }

    @Test
    void everyColumnSortsBothWays() throws Exception {
        assertThat(ids("/api/v1/cases?sort=reference,asc")).containsExactlyElementsOf(expected(Made::reference, false));
        assertThat(ids("/api/v1/cases?sort=reference,desc")).containsExactlyElementsOf(expected(Made::reference, true));
        assertThat(ids("/api/v1/cases?sort=opened,asc")).containsExactlyElementsOf(expected(Made::opened, false));
        assertThat(ids("/api/v1/cases?sort=opened,desc")).containsExactlyElementsOf(expected(Made::opened, true));
        assertThat(ids("/api/v1/cases?sort=priority,asc")).containsExactlyElementsOf(expected(Made::priority, false));
        assertThat(ids("/api/v1/cases?sort=priority,desc")).containsExactlyElementsOf(expected(Made::priority, true));
        assertThat(ids("/api/v1/cases?sort=nextDue,asc")).containsExactlyElementsOf(expected(Made::due, false));
        assertThat(ids("/api/v1/cases?sort=nextDue,desc")).containsExactlyElementsOf(expected(Made::due, true));
        // Stages in their workflow order (the enum's), not alphabetically: PREPARING, APPLIED, INTENDED_DECISION.
        assertThat(ids("/api/v1/cases?sort=stage,asc")).containsExactlyElementsOf(expected(m -> m.stage().ordinal(), false));
        assertThat(ids("/api/v1/cases?sort=stage,desc")).containsExactlyElementsOf(expected(m -> m.stage().ordinal(), true));
        // A column alone is ascending; without a sort the order stays priority first.
        assertThat(ids("/api/v1/cases?sort=opened")).containsExactlyElementsOf(expected(Made::opened, false));
        assertThat(ids("/api/v1/cases")).containsExactlyElementsOf(expected(Made::priority, false));
        // Pages follow the order: the second page of one is the second case.
        assertThat(ids("/api/v1/cases?sort=opened,desc&size=1&page=1")).containsExactly(expected(Made::opened, true).get(1));
    }

    @Test
    void aSortOutsideTheListIsRefusedNamingTheValueAndTheAllowedOnes() throws Exception {
        for (String bad : List.of("nameUsed,asc", "opened,sideways", "opened_at", "priority;drop table case_file", "opened,desc,asc")) {
            String body = mvc.perform(get("/api/v1/cases").param("sort", bad).header("Authorization", own.bearer(Role.COORDINATOR))
                    .accept(MediaType.APPLICATION_JSON))
                    .andExpect(status().isBadRequest())
                    .andExpect(r -> assertThat(r.getResponse().getContentType()).startsWith("application/problem+json"))
                    .andReturn().getResponse().getContentAsString();
            JsonNode problem = JSON.readTree(body);
            assertThat(problem.get("field").stringValue()).isEqualTo("sort");
            assertThat(problem.get("detail").stringValue()).contains(bad, "reference", "opened", "priority", "nextDue", "stage");
        }
        assertThat(jdbc.sql("select count(*) from case_file where org_id = ?").param(own.org().value()).query(Long.class).single())
                .isEqualTo(3);
    }

    @Test
    void newRequestsComeNewestFirstUnlessAnotherOrderIsAsked() throws Exception {
        jdbc.sql("update case_file set handling = 'NEW', stage = 'NONE' where org_id = ?").param(own.org().value()).update();
        assertThat(ids("/api/v1/cases?status=NEW")).containsExactlyElementsOf(expected(Made::opened, true));
        assertThat(ids("/api/v1/cases?status=new")).containsExactlyElementsOf(expected(Made::opened, true));
        assertThat(ids("/api/v1/cases?status=NEW&sort=opened,asc")).containsExactlyElementsOf(expected(Made::opened, false));
        // Any other status keeps the priority order.
        jdbc.sql("update case_file set handling = 'TRIAGE' where org_id = ?").param(own.org().value()).update();
        assertThat(ids("/api/v1/cases?status=TRIAGE")).containsExactlyElementsOf(expected(Made::priority, false));
    }

    @Test
    void theUnassignedFilterKeepsTheCasesAssignedToNobody() throws Exception {
        UUID nobodys = made.get(1).id();
        jdbc.sql("update case_file set assignee_id = null where id = ?").param(nobodys).update();
        assertThat(ids("/api/v1/cases?assignee=none")).containsExactly(nobodys);
        assertThat(ids("/api/v1/cases?assignee=" + own.ids().get(Role.CASEWORKER).value())).hasSize(2).doesNotContain(nobodys);
        assertThat(ids("/api/v1/cases")).hasSize(3);
        String body = call("/api/v1/cases?assignee=someone").andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(JSON.readTree(body).get("field").stringValue()).isEqualTo("assignee");
    }
}
