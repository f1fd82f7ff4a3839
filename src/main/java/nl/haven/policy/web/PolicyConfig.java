package nl.haven.policy.web;

import java.nio.file.Path;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The policy engine as a bean: the data set is loaded and validated once, at start-up. */
@Configuration(proxyBeanMethods = false)
class PolicyConfig {

    /** The data set's files as read at start-up (the what-if applies a change file on top of them). */
    @Bean
    PolicyFiles policyFiles(PolicySettings settings) {
        return settings.dir() == null || settings.dir().isBlank() ? PolicyFiles.shipped() : PolicyFiles.fromDirectory(Path.of(settings.dir()));
    }

    @Bean
    PolicyEngine policyEngine(PolicyFiles files) {
        return new PolicyEngine(PolicyDataSet.load(files));
    }
}
