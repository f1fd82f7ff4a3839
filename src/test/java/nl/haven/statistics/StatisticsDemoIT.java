package nl.haven.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import nl.haven.identity.OrganisationDirectory;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.shared.UserId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code serve --demo}: the demo organisations get three years of fictional counts, once. */
@SpringBootTest(properties = "haven.identity.demo=true")
class StatisticsDemoIT {
    @Autowired
    OrganisationDirectory organisations;
    @Autowired
    Statistics statistics;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

    @Test
    void theDemoOrganisationHasThreeYearsOfFictionalCountsThatAddUp() {
        var demo = organisations.bySlug("demo-trans-network").orElseThrow();
        StaffMember analyst = new StaffMember(new UserId(UUID.randomUUID()), demo.id(), Role.ANALYST, "Demo");
        int year = LocalDate.now(ZoneOffset.UTC).getYear();
        for (int y = year - 2; y <= year; y++) {
            var requests = statistics.requests(analyst, y, "group");
            assertThat(requests.total().drawn()).as("requests in %d", y).isPositive();
        }
        var dashboard = statistics.dashboard(analyst, year);
        assertThat(dashboard.forecast().median()).isGreaterThan(0);
        // Every dimension of a year counts the same requests.
        long months = jdbc.sql("select sum(requests) from stat_request_count where org_id = ? and stat_year = ? and dimension = 'month'")
                .params(demo.id().value(), year - 1).query(Long.class).single();
        for (String d : List.of("nationality", "group", "route", "status", "stage")) {
            assertThat(jdbc.sql("select sum(requests) from stat_request_count where org_id = ? and stat_year = ? and dimension = ?")
                    .params(demo.id().value(), year - 1, d).query(Long.class).single()).as(d).isEqualTo(months);
        }
        assertThat(jdbc.sql("select coalesce(sum(cases), 0) from stat_open_profile where org_id = ?").param(demo.id().value()).query(Long.class)
                .single()).isPositive();
        // Loading again changes nothing.
        long before = jdbc.sql("select sum(requests) from stat_request_count").query(Long.class).single();
        context.publishEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
        assertThat(jdbc.sql("select sum(requests) from stat_request_count").query(Long.class).single()).isEqualTo(before);
    }
}
