package nl.haven.routes.web;

import java.time.Clock;
import nl.haven.policy.PolicyEngine;
import nl.haven.routes.ProfileParser;
import nl.haven.routes.RouteAdvisor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The route advisor over the one policy data set. */
@Configuration(proxyBeanMethods = false)
class RoutesConfig {

    @Bean
    RouteAdvisor routeAdvisor(PolicyEngine engine) {
        return new RouteAdvisor(engine);
    }

    @Bean
    ProfileParser profileParser(Clock clock) {
        return new ProfileParser(clock);
    }
}
