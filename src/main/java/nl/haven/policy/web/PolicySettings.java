package nl.haven.policy.web;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param dir a policy data set directory ({@code HAVEN_POLICY_DIR}); unset = the data set shipped in the jar
 * @param change a change file applied on top of it ({@code HAVEN_POLICY_CHANGE}, the what-if's format); unset = none
 */
@ConfigurationProperties("haven.policy")
record PolicySettings(@Nullable String dir, @Nullable String change) {
}
