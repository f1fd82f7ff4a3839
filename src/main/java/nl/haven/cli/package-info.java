/**
 * The picocli command line; each command delegates to one module's public service.
 */
@ApplicationModule(displayName = "cli", allowedDependencies = { "policy", "routes", "statistics", "identity", "web", "protection", "audit", "backup", "shared" })
@NullMarked
package nl.haven.cli;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
