package nl.haven.policy.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyFiles;
import nl.haven.policy.PolicySource;
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

    /**
     * The files and, with {@code HAVEN_POLICY_CHANGE} (a change file in the what-if's format), the change applied on top
     * of them at start-up: a refused change stops the start with its {@code FILE:LINE} errors.
     */
    @Bean
    PolicySource policySource(PolicyFiles files, PolicySettings settings) {
        if (settings.change() == null || settings.change().isBlank()) {
            return new PolicySource(files, null, null);
        }
        Path change = Path.of(settings.change());
        try {
            return new PolicySource(files, change.getFileName().toString(), Files.readString(change));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the policy change file " + change, e);
        }
    }

    @Bean
    PolicyEngine policyEngine(PolicySource source) {
        return new PolicyEngine(source.load());
    }
}
