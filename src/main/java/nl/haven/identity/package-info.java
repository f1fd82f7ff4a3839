/**
 * Organisations (tenants), users, roles, authentication, first-start set-up and demo log-ins.
 */
@ApplicationModule(displayName = "identity", allowedDependencies = { "audit", "protection", "web", "shared" })
@NullMarked
package nl.haven.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
