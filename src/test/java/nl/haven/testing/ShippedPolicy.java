package nl.haven.testing;

import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** For a web slice: the real policy engine over the shipped data set, as the application builds it, no database. */
@TestConfiguration(proxyBeanMethods = false)
public class ShippedPolicy {
    @Bean
    PolicyEngine policyEngine() {
        return new PolicyEngine(PolicyDataSet.shipped());
    }
}
