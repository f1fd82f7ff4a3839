package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import nl.haven.cases.Stage;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

/** {@code ./haven serve --demo}: clearly fictional organisations and users whose printed log-ins work. */
@SpringBootTest(properties = "haven.identity.demo=true")
@AutoConfigureMockMvc
class DemoDataIT {

    @Autowired
    DemoData demo;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    @Test
    void demoOrganisationsAreClearlyFictionalAndLoadingTwiceChangesNothing() {
        List<String> names = jdbc.sql("select name from organisation").query(String.class).list();
        assertThat(names).hasSizeGreaterThanOrEqualTo(4).allSatisfy(name -> assertThat(name).contains("Demo").contains("fictional"));
        assertThat(jdbc.sql("select email from app_user").query(String.class).list()).allMatch(email -> email.endsWith(".example"));
        long users = jdbc.sql("select count(*) from app_user").query(Long.class).single();
        List<String> lines = demo.load();
        assertThat(jdbc.sql("select count(*) from app_user").query(Long.class).single()).isEqualTo(users);
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("caseworker@trans-network.example").contains("CASEWORKER"));
    }

    /** The cases module adds one fictional case in every state of the workflow, with deadlines where the law gives them. */
    @Test
    void demoCasesCoverEveryStateOfTheWorkflow() {
        UUID org = jdbc.sql("select id from organisation where slug = 'demo-trans-network'").query(UUID.class).single();
        List<String> handlings = jdbc.sql("select distinct handling from case_file where org_id = ?").param(org).query(String.class).list();
        List<String> stages = jdbc.sql("select distinct stage from case_file where org_id = ?").param(org).query(String.class).list();
        assertThat(handlings).containsExactlyInAnyOrder("NEW", "TRIAGE", "ACCEPTED", "DECLINED", "CLOSED");
        assertThat(stages).containsExactlyInAnyOrderElementsOf(Arrays.stream(Stage.values()).map(Enum::name).toList());
        assertThat(jdbc.sql("select count(*) from case_task where org_id = ? and kind = 'DEADLINE'").param(org).query(Long.class).single())
                .isGreaterThanOrEqualTo(5);
    }

    @Test
    void printedLoginWorks() throws Exception {
        mvc.perform(formLogin("/login").user("coordinator@trans-network.example").password(DemoData.DEMO_PASSWORD))
                .andExpect(authenticated().withAuthentication(a -> Assertions.assertThat(a.getAuthorities())
                        .extracting(GrantedAuthority::getAuthority)
                        .contains(StaffUserDetails.PASSWORD_FACTOR).noneMatch(x -> x.startsWith("ROLE_")))); // the role comes with the second factor
    }
}
