package nl.haven.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyFiles;
import org.junit.jupiter.api.Test;

/** Route advice for a date more than 180 days after the route file's reviewedOn carries the currency warning (issue 16). */
class RouteReviewTests {

    @Test
    void day181AfterTheRouteFileWasReviewedWarnsAndDay180DoesNot() {
        Map<String, String> files = new TreeMap<>(PolicyFiles.shipped().byPath());
        // daft.yaml reviewed on 2025-01-01: day 180 is 2025-06-30, day 181 is 2025-07-01.
        files.put("routes/daft.yaml", files.get("routes/daft.yaml").replaceFirst("reviewedOn: \\d{4}-\\d{2}-\\d{2}", "reviewedOn: 2025-01-01"));
        RouteAdvisor advisor = new RouteAdvisor(new PolicyEngine(PolicyDataSet.load(PolicyFiles.of(files))));
        ProfileParser parser = new ProfileParser(Clock.systemUTC());
        String profile = "{\"nationality\":\"US\",\"date\":\"%s\",\"selfEmployed\":{\"capitalEur\":5000,\"ownershipPercent\":100,"
                + "\"kvkRegistration\":true,\"businessPlan\":true}}";
        RouteAdvice current = advisor.advise(parser.parse(profile.formatted("2025-06-30")), "en");
        assertThat(current.route(Route.DAFT).warnings()).noneMatch(w -> w.contains("last checked"));
        RouteAdvice stale = advisor.advise(parser.parse(profile.formatted("2025-07-01")), "en");
        assertThat(stale.route(Route.DAFT).warnings()).contains("routes/daft.yaml was last checked against its sources on 2025-01-01, "
                + "181 days before 2025-07-01: more than 180 days. Check that this answer is still current.");
        assertThat(stale.route(Route.PARTNER).warnings()).as("another route's file").noneMatch(w -> w.contains("last checked"));
    }
}
